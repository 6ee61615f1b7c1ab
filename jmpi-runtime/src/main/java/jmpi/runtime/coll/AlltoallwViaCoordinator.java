package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Parts;

/**
 * Alltoallw: member i's pair of parts for member j (the element type's code, one byte, then the
 * elements) goes to member j, which gets every sender's pair in rank order and checks each against
 * its own receive buffer for that sender. The coordinator moves the bytes and copies nothing.
 */
final class AlltoallwViaCoordinator extends ViaCoordinator {
    AlltoallwViaCoordinator() {
        super(Kind.ALLTOALLW);
    }

    @Override
    public void complete(Gathered calls, Answers answers) {
        int n = calls.size();
        for (int i = 0; i < n; i++) {
            checkParts(calls.call(i).parts(), n);
        }
        answers.answerAll(calls, j -> {
            ByteBuf[] column = new ByteBuf[2 * n];
            for (int i = 0; i < n; i++) {
                column[2 * i] = Parts.share(calls.call(i).parts()[2 * j]);
                column[2 * i + 1] = Parts.share(calls.call(i).parts()[2 * j + 1]);
            }
            return column;
        });
    }

    /** A pair of parts per rank, each type part one byte long. */
    static void checkParts(ByteBuf[] parts, int n) {
        if (parts.length != 2 * n) {
            throw new MPIException(MPI.ERR_COUNT, "alltoallw of " + parts.length / 2 + " buffers among " + n
                    + " ranks");
        }
        for (int j = 0; j < n; j++) {
            if (parts[2 * j] == null || parts[2 * j].readableBytes() != 1 || parts[2 * j + 1] == null) {
                throw new MPIException(MPI.ERR_OTHER, "alltoallw: malformed parts for rank " + j);
            }
        }
    }
}
