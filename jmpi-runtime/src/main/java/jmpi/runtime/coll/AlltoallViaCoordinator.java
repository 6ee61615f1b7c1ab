package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Parts;

/** Alltoall: member i's j-th payload goes to member j, which gets them in the senders' rank order. */
final class AlltoallViaCoordinator extends ViaCoordinator {
    AlltoallViaCoordinator() {
        super(Kind.ALLTOALL);
    }

    @Override
    public void complete(Gathered calls, Answers answers) {
        int n = calls.size();
        for (int i = 0; i < n; i++) {
            if (calls.call(i).parts().length != n) {
                throw new MPIException(MPI.ERR_COUNT, "alltoall of " + calls.call(i).parts().length + " items among "
                        + n + " ranks");
            }
        }
        answers.answerAll(calls, j -> {
            ByteBuf[] column = new ByteBuf[n];
            for (int i = 0; i < n; i++) {
                column[i] = Parts.share(calls.call(i).parts()[j]);
            }
            return column;
        });
    }
}
