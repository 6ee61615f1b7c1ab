package jmpi.runtime.coordinator;

import java.util.function.IntUnaryOperator;
import jmpi.runtime.coll.Answers;
import jmpi.runtime.coll.Gathered;
import jmpi.runtime.serial.ObjectSerializer;
import jmpi.runtime.wire.Reply;

/** How a coordinator-path collective's answers leave: through the replies, to each member's world rank. */
final class CoordinatorAnswers implements Answers {
    private final ObjectSerializer serial;
    private final CommTable comms;
    private final Replies replies;
    private final IntUnaryOperator hosts;

    /** hosts: a world rank's host as a colour, the lowest world rank on it. */
    CoordinatorAnswers(ObjectSerializer serial, CommTable comms, Replies replies, IntUnaryOperator hosts) {
        this.serial = serial;
        this.comms = comms;
        this.replies = replies;
        this.hosts = hosts;
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
    public int hostOf(int worldRank) {
        return hosts.applyAsInt(worldRank);
    }

    @Override
    public int newCommunicator(int[] worldRanks) {
        return comms.create(worldRanks).id;
    }
}
