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
 * Objects and the ops that keep rank order (which the table never gives it, but a name that forces it
 * may) run by {@link ReduceBinomial} instead, on every rank alike.
 */
final class ReduceScatterGather extends AmongRanks {
    private static final ReduceBinomial OTHERWISE = new ReduceBinomial();

    ReduceScatterGather() {
        super(Kind.REDUCE, "reduce-scatter-gather");
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
        int root = call.root();
        boolean isRoot = f.rank() == root;
        ElementType t = ElementType.ofCode(call.elemType());
        ByteBuf acc = Folds.writable(call.parts()[0]);
        int n = f.size();
        Blocks blocks = new Blocks(acc.readableBytes(), Folds.unit(t, op), n);
        CompletableFuture<Void> scattered = Rings.reduceScatter(f, t, op, acc, blocks, 0);
        if (!isRoot) {
            return Folds.answer(scattered, acc).thenApply(mine -> {
                f.send(root, () -> new ByteBuf[] {blocks.slice(acc, blocks.wrap(f.rank() + 1))});
                acc.release();
                return Parts.NONE;
            });
        }
        boolean[] have = new boolean[n];
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
