package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import jmpi.Op;
import jmpi.runtime.elem.ElementType;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.Kind;

/**
 * Allreduce round a ring: a reduce-scatter ({@link Rings#reduceScatter}) leaves each rank with one
 * block of the result, then an allgather ({@link Rings#allgather}) brings every rank the other blocks.
 * Each block is folded once, in an order fixed by N alone, and then copied: every rank ends with the
 * same bits, run after run. Chosen for large buffers under a commutative op; a rank holds its buffer
 * and a block or so in flight. Cost: 2·(N − 1) messages per rank of n/N bytes, 2·(N − 1)·n/N bytes sent.
 * Objects and the ops that keep rank order (which the table never gives it, but a name that forces it
 * may) run by {@link AllreduceRecursiveDoubling} instead, on every rank alike.
 */
final class AllreduceRing extends AmongRanks {
    private static final AllreduceRecursiveDoubling OTHERWISE = new AllreduceRecursiveDoubling();

    AllreduceRing() {
        super(Kind.ALLREDUCE, "ring");
    }

    @Override
    void check(Exchange x, CollCall call) {
        Folds.check(call);
    }

    @Override
    CompletableFuture<ByteBuf[]> steps(Flow f, CollCall call) {
        Op op = Ops.of(call.op());
        if (call.elemType() == 0 || !Ops.commutative(op)) {
            return OTHERWISE.steps(f, call);
        }
        ElementType t = ElementType.ofCode(call.elemType());
        ByteBuf acc = Folds.writable(call.parts()[0]);
        int n = f.size();
        Blocks blocks = new Blocks(acc.readableBytes(), Folds.unit(t, op), n);
        boolean[] have = new boolean[n];
        have[blocks.wrap(f.rank() + 1)] = true;
        CompletableFuture<Void> done = Rings.reduceScatter(f, t, op, acc, blocks, 0)
                .thenCompose(v -> Rings.allgather(f, acc, blocks, 0, 1, have));
        return Folds.answer(done, acc);
    }
}
