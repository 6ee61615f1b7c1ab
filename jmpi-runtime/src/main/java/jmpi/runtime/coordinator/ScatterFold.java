package jmpi.runtime.coordinator;

import io.netty.buffer.ByteBuf;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.Parts;

/** Scatter: the root's i-th payload to member i. */
final class ScatterFold implements Fold {
    @Override
    public void complete(Pending p, FoldContext ctx) {
        int root = ((CollCall) p.calls[0]).root();
        ByteBuf[] parts = p.calls[root].parts();
        if (parts.length != p.members.length) {
            throw new MPIException(MPI.ERR_COUNT, "scatter of " + parts.length + " items to " + p.members.length
                    + " ranks");
        }
        ctx.replyAll(p, i -> new ByteBuf[] {Parts.share(parts[i])});
    }
}
