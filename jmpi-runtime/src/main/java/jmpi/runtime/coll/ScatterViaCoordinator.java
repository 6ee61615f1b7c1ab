package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Parts;

/** Scatter: the root's i-th payload to member i. */
final class ScatterViaCoordinator extends ViaCoordinator {
    ScatterViaCoordinator() {
        super(Kind.SCATTER);
    }

    @Override
    public void complete(Gathered calls, Answers answers) {
        int root = ((CollCall) calls.call(0)).root();
        ByteBuf[] parts = calls.callOfRank(root).parts();
        if (parts.length != calls.size()) {
            throw new MPIException(MPI.ERR_COUNT, "scatter of " + parts.length + " items to " + calls.size() + " ranks");
        }
        answers.answerAll(calls, i -> new ByteBuf[] {Parts.share(parts[i])});
    }
}
