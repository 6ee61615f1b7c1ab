package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Op;
import jmpi.runtime.elem.ElementType;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Parts;

/**
 * Reduce-scatter for the ops that keep rank order (REPLACE, NO_OP): the buffers fold up the binomial
 * tree of {@link ReduceBinomial} to rank 0, in rank order, and rank 0 sends each rank its block, so
 * the result is the coordinator's exactly. Cost: ⌈log₂ N⌉ messages of n bytes up the tree, then N − 1
 * blocks from rank 0.
 */
final class ReduceScatterBinomial extends AmongRanks {
    ReduceScatterBinomial() {
        super(Kind.REDUCE_SCATTER, "binomial");
    }

    @Override
    void check(Exchange x, CollCall call) {
        if (call.elemType() == 0) {
            throw new MPIException(MPI.ERR_TYPE, "reduce_scatter takes buffers, not objects");
        }
        int[] counts = ReduceScatterCounts.decode(call.parts(), x.size());
        ElementType t = ElementType.ofCode(call.elemType());
        long sum = ReduceScatterCounts.sumOf(counts);
        if (call.parts()[0].readableBytes() != sum * t.size()) {
            throw new MPIException(MPI.ERR_COUNT, "reduce_scatter of " + call.parts()[0].readableBytes() / t.size()
                    + " elements where the counts add up to " + sum);
        }
        Folds.check(call);
    }

    @Override
    CompletableFuture<ByteBuf[]> steps(Flow f, CollCall call) {
        Op op = Ops.of(call.op());
        ElementType t = ElementType.ofCode(call.elemType());
        int[] counts = ReduceScatterCounts.decode(call.parts(), f.size());
        Folds.release(call.parts()[1]);
        Blocks blocks = Blocks.ofCounts(counts, t.size());
        return ReduceBinomial.toZero(f, t, op, call.parts()[0], 1).thenCompose(acc -> {
            if (f.rank() != 0) {
                return f.recv(0);
            }
            // once the fold failed here (acc null), each rank gets the failure in place of its block
            for (int i = 1; i < f.size(); i++) {
                int to = i;
                f.send(to, () -> new ByteBuf[] {blocks.slice(acc, to)});
            }
            if (acc == null) {
                return CompletableFuture.completedFuture(Parts.NONE);
            }
            ByteBuf mine = blocks.slice(acc, 0);
            acc.release();
            return CompletableFuture.completedFuture(new ByteBuf[] {mine});
        });
    }
}
