package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import jmpi.Op;
import jmpi.runtime.elem.ElementType;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.Kind;

/**
 * Reduce-scatter by recursive halving. With p the largest power of two ≤ N and e = N − p, the first
 * 2e ranks pair up first (rank 2i gives its buffer to 2i + 1, which folds them in that order), leaving
 * p virtual ranks, virtual rank v holding the blocks of its real ranks. At each distance m, from p/2
 * down to 1, partners v and v ^ m split the blocks of their range of 2m virtual ranks: each sends the
 * half that belongs to the other's side and folds the half it keeps (kept ⊕ arrived), so it ends with
 * its own blocks folded over every rank; 2i + 1 then gives 2i its block. The grouping of the folds
 * depends on N alone, so a run gives the same bits as the last. Chosen for commutative ops below the
 * ring's sizes; REPLACE and NO_OP run by {@link ReduceScatterBinomial}. Cost: ⌈log₂ N⌉ messages per
 * rank (one more for the first 2e) of n/2, n/4, … bytes, the sent halves views of the buffer.
 */
final class ReduceScatterRecursiveHalving extends AmongRanks {
    private static final ReduceScatterBinomial OTHERWISE = new ReduceScatterBinomial();

    ReduceScatterRecursiveHalving() {
        super(Kind.REDUCE_SCATTER, "recursive-halving");
    }

    @Override
    void check(Exchange x, CollCall call) {
        OTHERWISE.check(x, call);
    }

    @Override
    CompletableFuture<ByteBuf[]> steps(Flow f, CollCall call) {
        Op op = Ops.of(call.op());
        if (!Ops.commutative(op)) {
            return OTHERWISE.steps(f, call);
        }
        ElementType t = ElementType.ofCode(call.elemType());
        int n = f.size();
        int r = f.rank();
        Blocks blocks = Blocks.ofCounts(ReduceScatterCounts.decode(call.parts(), n), t.size());
        Folds.release(call.parts()[1]);
        ByteBuf mine = call.parts()[0];
        int p = Integer.highestOneBit(n);
        Halves h = new Halves(f, t, op, blocks, n - p);
        boolean paired = r < 2 * h.extra;
        if (paired && r % 2 == 0) {
            f.send(r + 1, mine);
            return f.recv(r + 1);
        }
        CompletableFuture<ByteBuf> start = paired
                ? f.recv(r - 1).thenApply(got -> Folds.combine(f, t, op, Folds.first(got), mine))
                : CompletableFuture.completedFuture(Folds.writable(mine));
        int v = paired ? r / 2 : r - h.extra;
        return start.thenCompose(acc -> h.step(acc, v, p / 2, 0, p)).thenApply(acc -> {
            if (paired) {
                // once failed here (acc null), the paired rank gets the failure instead
                f.send(r - 1, () -> new ByteBuf[] {blocks.slice(acc, r - 1)});
            }
            if (acc == null) {
                return null;
            }
            ByteBuf out = blocks.slice(acc, r);
            acc.release();
            return new ByteBuf[] {out};
        });
    }

    /** The halving steps of one run: extra is e, the number of virtual ranks that stand for two. */
    private record Halves(Flow f, ElementType t, Op op, Blocks blocks, int extra) {
        /** The first block of virtual rank v: the blocks of virtual ranks [a, b) are [first(a), first(b)). */
        int first(int v) {
            return v < extra ? 2 * v : v + extra;
        }

        /** The real rank that virtual rank v is. */
        int real(int v) {
            return v < extra ? 2 * v + 1 : v + extra;
        }

        /** The step of distance m within virtual ranks [lo, hi); completes with acc once its own blocks are folded. */
        CompletableFuture<ByteBuf> step(ByteBuf acc, int v, int m, int lo, int hi) {
            if (m == 0) {
                return CompletableFuture.completedFuture(acc);
            }
            int mid = lo + m;
            boolean lower = v < mid;
            int keepLo = lower ? lo : mid;
            int keepHi = lower ? mid : hi;
            int giveLo = lower ? mid : lo;
            int giveHi = lower ? hi : mid;
            int partner = real(v ^ m);
            // the half given away is never written here again: a view of acc is enough
            f.send(partner, () -> new ByteBuf[] {blocks.slice(acc, first(giveLo), first(giveHi))});
            return f.recv(partner).thenCompose(got -> {
                ByteBuf kept = f.failed() || acc == null ? null : blocks.slice(acc, first(keepLo), first(keepHi));
                Folds.release(Folds.combine(f, t, op, kept, Folds.first(got)));
                if (f.failed() && acc != null) {
                    acc.release();
                    return step(null, v, m / 2, keepLo, keepHi);
                }
                return step(acc, v, m / 2, keepLo, keepHi);
            });
        }
    }
}
