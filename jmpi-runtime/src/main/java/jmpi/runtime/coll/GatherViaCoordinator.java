package jmpi.runtime.coll;

import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Parts;

/** Gather and allgather: every member's payload, in rank order, to the root or to everyone. */
final class GatherViaCoordinator extends ViaCoordinator {
    /** kind: {@link Kind#GATHER} or {@link Kind#ALLGATHER}. */
    GatherViaCoordinator(Kind kind) {
        super(kind);
    }

    @Override
    public void complete(Gathered calls, Answers answers) {
        int root = ((CollCall) calls.call(0)).root();
        boolean toAll = kind() == Kind.ALLGATHER;
        answers.answerAll(calls, i -> toAll || i == root ? calls.firstParts() : Parts.NONE);
    }
}
