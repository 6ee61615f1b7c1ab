package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Parts;

/**
 * Allgather round a ring: at step s every rank passes to rank + 1 the part of rank − s (its own
 * first, then the one that just arrived) and receives the part of rank − s − 1 from rank − 1. Every
 * link carries the same bytes and each message is one part, so it is chosen for large parts, where
 * Bruck's growing messages gain nothing on latency and cost more to hold. Every rank answers with
 * every rank's part in rank order. Cost: N − 1 messages per rank, each of n bytes.
 */
final class AllgatherRing extends AmongRanks {
    AllgatherRing() {
        super(Kind.ALLGATHER, "ring");
    }

    @Override
    CompletableFuture<ByteBuf[]> steps(Flow f, CollCall call) {
        ByteBuf[] out = new ByteBuf[f.size()];
        out[f.rank()] = call.parts()[0];
        return step(f, out, 0);
    }

    private static CompletableFuture<ByteBuf[]> step(Flow f, ByteBuf[] out, int s) {
        int n = f.size();
        int r = f.rank();
        if (s >= n - 1) {
            if (f.failed()) {
                Parts.release(out);
                return CompletableFuture.completedFuture(Parts.NONE);
            }
            return CompletableFuture.completedFuture(out);
        }
        int next = (r + 1) % n;
        int prev = (r - 1 + n) % n;
        f.send(next, () -> new ByteBuf[] {Parts.share(out[Math.floorMod(r - s, n)])});
        return f.recv(prev).thenCompose(got -> {
            out[Math.floorMod(r - s - 1, n)] = Folds.first(got);
            return step(f, out, s + 1);
        });
    }
}
