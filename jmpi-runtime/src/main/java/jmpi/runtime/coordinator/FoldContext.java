package jmpi.runtime.coordinator;

import io.netty.buffer.ByteBuf;
import jmpi.runtime.serial.ObjectSerializer;
import jmpi.runtime.wire.Reply;

/** What a {@link Fold} may use: the job's serializer, its communicators, and the replies. */
record FoldContext(ObjectSerializer serial, CommTable comms, Replies replies) {

    /** The parts of one member's reply, as references the reply will own. */
    interface PartsFor {
        ByteBuf[] parts(int memberIndex);
    }

    /** Answers every member with the parts f gives it. */
    void replyAll(Pending p, PartsFor f) {
        for (int i = 0; i < p.members.length; i++) {
            reply(p.members[i], Reply.ok(p.calls[i].reqId(), f.parts(i)));
        }
    }

    void reply(int worldRank, Reply r) {
        replies.reply(worldRank, r);
    }
}
