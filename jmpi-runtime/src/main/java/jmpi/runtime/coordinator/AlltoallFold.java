package jmpi.runtime.coordinator;

import io.netty.buffer.ByteBuf;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.wire.MatchedCall;
import jmpi.runtime.wire.Parts;

/** Alltoall: member i's j-th payload goes to member j, which gets them in the senders' rank order. */
final class AlltoallFold implements Fold {
    @Override
    public void complete(Pending p, FoldContext ctx) {
        int n = p.members.length;
        for (MatchedCall c : p.calls) {
            if (c.parts().length != n) {
                throw new MPIException(MPI.ERR_COUNT, "alltoall of " + c.parts().length + " items among " + n + " ranks");
            }
        }
        ctx.replyAll(p, j -> {
            ByteBuf[] column = new ByteBuf[n];
            for (int i = 0; i < n; i++) {
                column[i] = Parts.share(p.calls[i].parts()[j]);
            }
            return column;
        });
    }
}
