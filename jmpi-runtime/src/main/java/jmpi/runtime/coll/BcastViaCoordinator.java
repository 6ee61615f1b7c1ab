package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Parts;

/** Bcast: the root's payload goes to every member, as new references to the same bytes. */
final class BcastViaCoordinator extends ViaCoordinator {
    BcastViaCoordinator() {
        super(Kind.BCAST);
    }

    @Override
    public void complete(Gathered calls, Answers answers) {
        int root = ((CollCall) calls.call(0)).root();
        ByteBuf data = calls.callOfRank(root).parts()[0];
        answers.answerAll(calls, i -> new ByteBuf[] {Parts.share(data)});
    }
}
