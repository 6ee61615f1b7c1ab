package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import jmpi.runtime.serial.ObjectSerializer;
import jmpi.runtime.wire.Reply;

/** What a coordinator-path collective may do with the result: answer members, deserialize, create a communicator. */
public interface Answers {
    /** The parts of one member's answer, as references the answer will own. */
    interface PartsFor {
        ByteBuf[] parts(int member);
    }

    ObjectSerializer serial();

    /** Sends a member its answer, which owns the references to its parts. */
    void answer(Gathered calls, int member, Reply r);

    /** Answers every member with the parts f gives it. */
    default void answerAll(Gathered calls, PartsFor f) {
        for (int i = 0; i < calls.size(); i++) {
            answer(calls, i, Reply.ok(calls.call(i).reqId(), f.parts(i)));
        }
    }

    /** Creates a communicator of these world ranks, in rank order; returns its id. */
    int newCommunicator(int[] worldRanks);

    /** The host of a world rank, as a colour: the lowest world rank on the same host. */
    int hostOf(int worldRank);
}
