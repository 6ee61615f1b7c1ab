package jmpi.runtime.coll;

import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Reply;
import jmpi.runtime.wire.SurvivorCall;

/**
 * Agree: the bitwise AND of the flags of the members alive when the last of them called. Decided
 * once, here, so every survivor gets the same answer even when a member dies during it. Each
 * answer also names those members (world ranks), so that every survivor knows alike who failed.
 */
final class AgreeViaCoordinator extends ViaCoordinator {
    AgreeViaCoordinator() {
        super(Kind.AGREE);
    }

    @Override
    public void complete(Gathered calls, Answers answers) {
        int flag = ~0;
        int[] answer = new int[1 + calls.size()];
        for (int i = 0; i < calls.size(); i++) {
            flag &= ((SurvivorCall) calls.call(i)).flag();
            answer[1 + i] = calls.worldRank(i);
        }
        answer[0] = flag;
        for (int i = 0; i < calls.size(); i++) {
            answers.answer(calls, i, Reply.comm(calls.call(i).reqId(), answer.clone()));
        }
    }
}
