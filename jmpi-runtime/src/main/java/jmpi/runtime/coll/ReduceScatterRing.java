package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import jmpi.Op;
import jmpi.runtime.elem.ElementType;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.Kind;

/**
 * Reduce-scatter round a ring ({@link Rings#reduceScatter}) over the buffer cut at the counts: the
 * ring starts at rank 1, so that position p, rank p + 1, ends with block p + 1, its own. Each block is
 * folded once per rank in an order fixed by N alone, so a run gives the same bits as the last. Chosen
 * for every commutative op; the ops that keep rank order (REPLACE, NO_OP) run by
 * {@link ReduceScatterBinomial}, on every rank alike. Cost: N − 1 messages per rank of about n/N
 * bytes, (N − 1)·n/N bytes folded.
 */
final class ReduceScatterRing extends AmongRanks {
    private static final ReduceScatterBinomial OTHERWISE = new ReduceScatterBinomial();

    ReduceScatterRing() {
        super(Kind.REDUCE_SCATTER, "ring");
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
        int[] counts = ReduceScatterCounts.decode(call.parts(), f.size());
        Folds.release(call.parts()[1]);
        ByteBuf acc = Folds.writable(call.parts()[0]);
        Blocks blocks = Blocks.ofCounts(counts, t.size());
        int r = f.rank();
        return Folds.answer(Rings.reduceScatter(f, t, op, acc, blocks, 1), acc).thenApply(all -> {
            ByteBuf mine = blocks.slice(acc, r);
            acc.release();
            return new ByteBuf[] {mine};
        });
    }
}
