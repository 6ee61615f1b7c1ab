package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import jmpi.Op;
import jmpi.runtime.elem.ElementType;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Parts;

/**
 * Reduce as Rabenseifner's reduce-scatter then gather, with the reduce-scatter round a ring
 * ({@link Rings#reduceScatter}) so a rank holds its buffer and a block or so, never half a buffer
 * more: each rank ends with one block of the result and sends it to the root, which puts it in place.
 * Each block is folded in an order fixed by N alone, so a run gives the same bits as the last.
 * Chosen for large buffers under a commutative op (binomial otherwise). Cost: N messages per rank of
 * n/N bytes (N − 1 received at the root), against ⌈log₂ N⌉ whole buffers up a binomial tree.
 * Otherwise {@link ReduceBinomial}.
 */
final class ReduceScatterGather extends RingFold {
    ReduceScatterGather() {
        super(Kind.REDUCE, "reduce-scatter-gather", new ReduceBinomial());
    }

    @Override
    CompletableFuture<ByteBuf[]> ring(Flow f, CollCall call, ElementType t, Op op, ByteBuf acc, Blocks blocks) {
        int root = call.root();
        boolean isRoot = f.rank() == root;
        CompletableFuture<Void> scattered = Rings.reduceScatter(f, t, op, acc, blocks, 0);
        if (!isRoot) {
            return Folds.answer(scattered, acc).thenApply(mine -> {
                f.send(root, () -> new ByteBuf[] {blocks.slice(acc, blocks.wrap(f.rank() + 1))});
                acc.release();
                return Parts.NONE;
            });
        }
        boolean[] have = new boolean[f.size()];
        have[blocks.wrap(root + 1)] = true;
        return Folds.answer(scattered.thenCompose(v -> gather(f, acc, blocks, have, 0)), acc);
    }

    /** At the root: the block of each other rank from, in rank order, put in place. */
    private static CompletableFuture<Void> gather(Flow f, ByteBuf acc, Blocks blocks, boolean[] have, int from) {
        if (from >= f.size()) {
            return CompletableFuture.completedFuture(null);
        }
        if (from == f.rank()) {
            return gather(f, acc, blocks, have, from + 1);
        }
        int b = blocks.wrap(from + 1);
        return f.recv(from).thenCompose(got -> {
            Rings.put(f, acc, blocks, b, b + 1, have, Folds.first(got));
            return gather(f, acc, blocks, have, from + 1);
        });
    }
}
