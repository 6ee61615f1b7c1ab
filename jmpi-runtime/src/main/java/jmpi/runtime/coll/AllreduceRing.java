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
 * Otherwise {@link AllreduceRecursiveDoubling}.
 */
final class AllreduceRing extends RingFold {
    AllreduceRing() {
        super(Kind.ALLREDUCE, "ring", new AllreduceRecursiveDoubling());
    }

    @Override
    CompletableFuture<ByteBuf[]> ring(Flow f, CollCall call, ElementType t, Op op, ByteBuf acc, Blocks blocks) {
        boolean[] have = new boolean[f.size()];
        have[blocks.wrap(f.rank() + 1)] = true;
        CompletableFuture<Void> done = Rings.reduceScatter(f, t, op, acc, blocks, 0)
                .thenCompose(v -> Rings.allgather(f, acc, blocks, 0, 1, have));
        return Folds.answer(done, acc);
    }
}
