package jmpi.runtime.coordinator;

import jmpi.runtime.coll.Answers;
import jmpi.runtime.coll.Gathered;
import jmpi.runtime.serial.ObjectSerializer;
import jmpi.runtime.wire.Reply;

/** How a coordinator-path collective's answers leave: through the replies, to each member's world rank. */
final class CoordinatorAnswers implements Answers {
    private final ObjectSerializer serial;
    private final CommTable comms;
    private final Replies replies;

    CoordinatorAnswers(ObjectSerializer serial, CommTable comms, Replies replies) {
        this.serial = serial;
        this.comms = comms;
        this.replies = replies;
    }

    @Override
    public ObjectSerializer serial() {
        return serial;
    }

    @Override
    public void answer(Gathered calls, int member, Reply r) {
        replies.reply(calls.worldRank(member), r);
    }

    @Override
    public int newCommunicator(int[] worldRanks) {
        return comms.create(worldRanks).id;
    }
}
