package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import jmpi.runtime.wire.Parts;

/**
 * Moving every rank's one part to one rank or to all, as the building blocks of gather, allgather
 * and the object reductions (which fold the gathered values where they land, in rank order).
 */
final class Gathers {
    private Gathers() {
    }

    /**
     * Every rank's part to the root up a binomial tree: a rank collects its subtree's parts (a run of
     * relative ranks, in order) and passes them to its parent in one message. The root gets all N
     * parts in rank order, the others none. Cost: one message sent per rank, ⌈log₂ N⌉ received at most.
     */
    static CompletableFuture<ByteBuf[]> toRoot(Flow f, int root, ByteBuf mine) {
        int n = f.size();
        int rel = (f.rank() - root + n) % n;
        List<ByteBuf> have = new ArrayList<>(Arrays.asList(mine));
        return up(f, root, rel, 1, have).thenApply(all -> {
            if (all == null || f.failed()) {
                release(all);
                return Parts.NONE;
            }
            ByteBuf[] out = new ByteBuf[n];
            for (int i = 0; i < n; i++) {
                out[AmongRanks.real(i, root, n)] = all.get(i);
            }
            return out;
        });
    }

    private static CompletableFuture<List<ByteBuf>> up(Flow f, int root, int rel, int m, List<ByteBuf> have) {
        int n = f.size();
        if (m >= n) {
            return CompletableFuture.completedFuture(have);
        }
        if ((rel & m) != 0) {
            f.send(AmongRanks.real(rel - m, root, n), have.toArray(new ByteBuf[0]));
            return CompletableFuture.completedFuture(null);
        }
        if (rel + m >= n) {
            return up(f, root, rel, m << 1, have);
        }
        return f.recv(AmongRanks.real(rel + m, root, n)).thenCompose(got -> {
            if (got != null) {
                have.addAll(Arrays.asList(got));
            }
            return up(f, root, rel, m << 1, have);
        });
    }

    /**
     * Every rank's part to every rank, by Bruck's algorithm: in the round of distance d a rank sends
     * the first min(d, N − d) parts it holds (its own and those after it, mod N) to rank − d and gets
     * as many from rank + d. Cost: ⌈log₂ N⌉ messages per rank for any N; every rank gets the N parts
     * in rank order.
     */
    static CompletableFuture<ByteBuf[]> toAll(Flow f, ByteBuf mine) {
        List<ByteBuf> have = new ArrayList<>(Arrays.asList(mine));
        return bruck(f, 1, have).thenApply(all -> {
            int n = f.size();
            if (f.failed() || all.size() != n) {
                release(all);
                return Parts.NONE;
            }
            ByteBuf[] out = new ByteBuf[n];
            for (int i = 0; i < n; i++) {
                out[(f.rank() + i) % n] = all.get(i);
            }
            return out;
        });
    }

    private static CompletableFuture<List<ByteBuf>> bruck(Flow f, int d, List<ByteBuf> have) {
        int n = f.size();
        if (d >= n) {
            return CompletableFuture.completedFuture(have);
        }
        int r = f.rank();
        int count = Math.min(d, n - d);
        f.send((r - d + n) % n, () -> {
            ByteBuf[] out = new ByteBuf[count];
            for (int i = 0; i < count; i++) {
                out[i] = Parts.share(have.get(i));
            }
            return out;
        });
        return f.recv((r + d) % n).thenCompose(got -> {
            if (got != null) {
                have.addAll(Arrays.asList(got));
            }
            return bruck(f, d << 1, have);
        });
    }

    static void release(List<ByteBuf> parts) {
        if (parts != null) {
            Parts.release(parts.toArray(new ByteBuf[0]));
        }
    }
}
