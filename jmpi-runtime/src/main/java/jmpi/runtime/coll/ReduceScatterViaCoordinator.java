package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Op;
import jmpi.runtime.elem.ElementType;
import jmpi.runtime.elem.Reductions;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Parts;

/**
 * Reduce-scatter (and its block form, which is this with equal counts): the members' buffers fold
 * element-wise in rank order, as a reduce's do, and member i gets block i of the result, counts[i]
 * elements after those of the members before it. The counts travel as every call's second part and
 * must agree. Cost on the coordinator: N−1 folds of n bytes; the answers are slices of one buffer.
 */
final class ReduceScatterViaCoordinator extends ViaCoordinator {
    ReduceScatterViaCoordinator() {
        super(Kind.REDUCE_SCATTER);
    }

    @Override
    public void complete(Gathered calls, Answers answers) {
        int n = calls.size();
        CollCall first = (CollCall) calls.call(0);
        Op op = Ops.predefined(first.op());
        if (first.elemType() == 0) {
            throw new MPIException(MPI.ERR_TYPE, "reduce_scatter takes buffers, not objects");
        }
        ElementType type = ElementType.ofCode(first.elemType());
        int[] counts = ReduceScatterCounts.decode(first.parts(), n);
        for (int i = 1; i < n; i++) {
            int[] other = ReduceScatterCounts.decode(calls.call(i).parts(), n);
            if (!Arrays.equals(counts, other)) {
                throw new MPIException(MPI.ERR_COUNT, "reduce_scatter counts differ: rank 0 passed "
                        + Arrays.toString(counts) + ", rank " + calls.commRank(i) + " " + Arrays.toString(other));
            }
        }
        Blocks blocks = Blocks.ofCounts(counts, type.size());
        ByteBuf[] parts = calls.firstParts();
        try {
            for (int i = 0; i < n; i++) {
                if (parts[i].readableBytes() != blocks.bytes()) {
                    throw new MPIException(MPI.ERR_COUNT, "reduce_scatter: rank " + calls.commRank(i) + " sent "
                            + parts[i].readableBytes() / type.size() + " elements where the counts add up to "
                            + ReduceScatterCounts.sumOf(counts));
                }
            }
            Reductions.fold(type, op, parts);
            ByteBuf result = parts[0];
            answers.answerAll(calls, i -> new ByteBuf[] {blocks.slice(result, i)});
        } finally {
            Parts.release(parts);
        }
    }
}
