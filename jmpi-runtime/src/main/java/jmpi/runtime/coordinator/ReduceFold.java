package jmpi.runtime.coordinator;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Op;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.MatchedCall;
import jmpi.runtime.wire.Parts;

/**
 * Reduce and allreduce, folded in rank order. Buffers fold in place into the first member's bytes
 * ({@link RawReduce}); objects are deserialized, reduced by the op, and the result serialized once.
 */
final class ReduceFold implements Fold {
    private static final Op[] OPS = Op.values();

    private final boolean toAll;

    ReduceFold(boolean toAll) {
        this.toAll = toAll;
    }

    @Override
    public void complete(Pending p, FoldContext ctx) {
        CollCall first = (CollCall) p.calls[0];
        Op op = opOf(first.op());
        int root = first.root();
        if (first.elemType() != 0) {
            ByteBuf[] parts = p.firstParts();
            try {
                RawReduce.fold(first.elemType(), op, parts);
                ByteBuf result = parts[0];
                ctx.replyAll(p, i -> toAll || i == root ? new ByteBuf[] {Parts.share(result)} : Parts.NONE);
            } finally {
                Parts.release(parts);
            }
            return;
        }
        List<Object> values = new ArrayList<>(p.members.length);
        for (MatchedCall c : p.calls) {
            values.add(ctx.serial().fromBytes(c.parts()[0]));
        }
        byte[] result = ctx.serial().toBytes(op.reduce(values));
        ctx.replyAll(p, i -> toAll || i == root ? new ByteBuf[] {Parts.wrap(result)} : Parts.NONE);
    }

    private static Op opOf(int ordinal) {
        if (ordinal < 0 || ordinal >= OPS.length) {
            throw new MPIException(MPI.ERR_OP, "unknown operation " + ordinal);
        }
        return OPS[ordinal];
    }
}
