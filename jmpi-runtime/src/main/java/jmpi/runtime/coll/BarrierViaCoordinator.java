package jmpi.runtime.coll;

import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Parts;

/** Barrier: every member's call has arrived, which is all a barrier asks; each gets an empty answer. */
final class BarrierViaCoordinator extends ViaCoordinator {
    BarrierViaCoordinator() {
        super(Kind.BARRIER);
    }

    @Override
    public void complete(Gathered calls, Answers answers) {
        answers.answerAll(calls, i -> Parts.NONE);
    }
}
