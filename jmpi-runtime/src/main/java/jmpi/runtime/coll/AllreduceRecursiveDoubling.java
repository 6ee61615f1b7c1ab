package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import jmpi.Op;
import jmpi.runtime.elem.ElementType;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Parts;

/**
 * Allreduce by recursive doubling. With p the largest power of two ≤ N and e = N − p, the first 2e
 * ranks pair up first (rank 2i gives its buffer to 2i + 1, which folds them in that order), leaving
 * p blocks of consecutive ranks; then at each distance m partners swap their blocks and both fold
 * the lower block with the upper, so both hold the same bits; at the end 2i + 1 gives 2i the result.
 * The order of the folds depends on N alone: every rank gets bit-identical results, run after run.
 * Cost: ⌈log₂ N⌉ messages per rank (one more for the first 2e), each of n bytes.
 * Objects: every value goes to every rank ({@link Gathers#toAll}), which folds them in rank order,
 * as the coordinator would: the same result, and the same error, everywhere.
 */
final class AllreduceRecursiveDoubling extends AmongRanks {
    AllreduceRecursiveDoubling() {
        super(Kind.ALLREDUCE, "recursive-doubling");
    }

    @Override
    void check(Exchange x, CollCall call) {
        Folds.check(call);
    }

    @Override
    CompletableFuture<ByteBuf[]> steps(Flow f, CollCall call) {
        Op op = Ops.of(call.op());
        if (call.elemType() == 0) {
            return Gathers.toAll(f, call.parts()[0]).thenApply(all -> f.failed() ? Parts.NONE
                    : Folds.objects(f.exchange().serial(), op, all));
        }
        ElementType t = ElementType.ofCode(call.elemType());
        ByteBuf mine = call.parts()[0];
        int n = f.size();
        int r = f.rank();
        int p = Integer.highestOneBit(n);
        int extra = n - p;
        boolean paired = r < 2 * extra;
        if (paired && r % 2 == 0) {
            f.send(r + 1, mine);
            return f.recv(r + 1);
        }
        CompletableFuture<ByteBuf> start = paired
                ? f.recv(r - 1).thenApply(got -> Folds.combine(f, t, op, Folds.first(got), mine))
                : CompletableFuture.completedFuture(mine);
        int v = paired ? r / 2 : r - extra;
        return start.thenCompose(acc -> doubling(f, t, op, acc, v, extra, 1, p)).thenApply(acc -> {
            if (paired) {
                f.send(r - 1, () -> new ByteBuf[] {Parts.share(acc)});
            }
            return acc == null ? null : new ByteBuf[] {acc};
        });
    }

    /** The step of distance m between blocks v and v ^ m (block numbers; the first e blocks are pairs). */
    private static CompletableFuture<ByteBuf> doubling(Flow f, ElementType t, Op op, ByteBuf acc, int v, int extra,
            int m, int p) {
        if (m >= p) {
            return CompletableFuture.completedFuture(acc);
        }
        int pv = v ^ m;
        int partner = pv < extra ? 2 * pv + 1 : pv + extra;
        f.send(partner, () -> new ByteBuf[] {acc.copy()});
        return f.recv(partner).thenCompose(got -> {
            ByteBuf other = Folds.first(got);
            ByteBuf next = pv < v ? Folds.combine(f, t, op, other, acc) : Folds.combine(f, t, op, acc, other);
            return doubling(f, t, op, next, v, extra, m << 1, p);
        });
    }
}
