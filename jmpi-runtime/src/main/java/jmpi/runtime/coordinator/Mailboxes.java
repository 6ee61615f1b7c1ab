package jmpi.runtime.coordinator;

import io.netty.buffer.ByteBuf;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import jmpi.MPI;
import jmpi.ProcessFailedException;
import jmpi.runtime.wire.ErrorInfo;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Parts;
import jmpi.runtime.wire.RecvCall;
import jmpi.runtime.wire.Reply;
import jmpi.runtime.wire.SendCall;

/**
 * Point-to-point on the coordinator path: each rank's {@link Mailbox} per communicator, where sends
 * meet receives and probes in MPI's order. A message waiting for its receive keeps its own reference
 * to the payload, counted against its sender's bound ({@link Replies#held}).
 */
final class Mailboxes {
    private static final System.Logger LOG = System.getLogger(Mailboxes.class.getName());

    /** Sees one posted receive or probe: whose it is (world rank, -1 if unknown) and on which communicator. */
    interface PostedVisitor {
        void visit(int worldRank, int comm, Mailbox.Posted posted);
    }

    private final Map<Long, Mailbox> boxes = new HashMap<>();
    private final Replies replies;

    Mailboxes(Replies replies) {
        this.replies = replies;
    }

    private Mailbox box(CommInfo ci, int commRank) {
        return boxes.computeIfAbsent(((long) ci.id << 32) | (commRank & 0xffffffffL), k -> new Mailbox());
    }

    void send(Job job, int rank, CommInfo ci, SendCall c) {
        int me = ci.rankOf(rank);
        int dest = ci.checkRank(c.dest());
        int destWorld = ci.members[dest];
        if (job.failed[destWorld]) {
            if (c.sync()) {
                throw new ProcessFailedException(destWorld, "rank " + destWorld + " failed");
            }
            LOG.log(System.Logger.Level.DEBUG, "dropped a message to failed rank {0}", destWorld);
            return;
        }
        // the message keeps its own reference to the payload until it is delivered or dropped
        Mailbox.Message m = new Mailbox.Message(me, c.tag(), Parts.share(c.payload()), rank, c.reqId(), c.sync(),
                c.elemType());
        Mailbox mb = box(ci, dest);
        for (Iterator<Mailbox.Posted> it = mb.posted.iterator(); it.hasNext(); ) {
            Mailbox.Posted p = it.next();
            if (Mailbox.matches(p.source(), p.tag(), me, c.tag())) {
                it.remove();
                if (p.probe()) {
                    replies.reply(destWorld, envelope(p.reqId(), m));
                    continue;
                }
                deliver(destWorld, p.reqId(), m);
                return;
            }
        }
        mb.unexpected.addLast(m);
        replies.held(rank, bytes(m));
    }

    void receive(Job job, int rank, CommInfo ci, RecvCall c) {
        int me = ci.rankOf(rank);
        int source = c.source();
        if (source != MPI.ANY_SOURCE) {
            ci.checkRank(source);
        }
        Mailbox mb = box(ci, me);
        for (Iterator<Mailbox.Message> it = mb.unexpected.iterator(); it.hasNext(); ) {
            Mailbox.Message m = it.next();
            if (Mailbox.matches(source, c.tag(), m.source(), m.tag())) {
                if (c.takes()) {
                    it.remove();
                    replies.held(m.senderWorld(), -bytes(m));
                    deliver(rank, c.reqId(), m);
                } else {
                    replies.reply(rank, envelope(c.reqId(), m));
                }
                return;
            }
        }
        if (c.kind() == Kind.IPROBE || c.kind() == Kind.IMPROBE) {
            replies.reply(rank, Reply.message(c.reqId(), Reply.NONE, 0, 0, 0, 0, Parts.NONE));
            return;
        }
        for (int m : source == MPI.ANY_SOURCE ? ci.members : new int[] {ci.members[source]}) {
            if (job.failed[m] && (source != MPI.ANY_SOURCE || !ci.acknowledged(rank, m))) {
                throw new ProcessFailedException(m, "rank " + m + " failed");
            }
        }
        mb.posted.add(new Mailbox.Posted(c.reqId(), source, c.tag(), c.kind() == Kind.PROBE));
    }

    /** Hands the message's payload reference to the reply; a synchronous sender learns that it matched. */
    private void deliver(int worldRank, int reqId, Mailbox.Message m) {
        ByteBuf[] parts = m.payload() == null ? Parts.NONE : new ByteBuf[] {m.payload()};
        replies.reply(worldRank, Reply.message(reqId, Reply.OK, m.source(), m.tag(), m.count(), m.elemType(), parts));
        if (m.sync()) {
            replies.reply(m.senderWorld(), Reply.ok(m.senderReqId()));
        }
    }

    /** What a probe learns of a message: its envelope, not its payload. */
    private static Reply envelope(int reqId, Mailbox.Message m) {
        return Reply.message(reqId, Reply.OK, m.source(), m.tag(), m.count(), m.elemType(), Parts.NONE);
    }

    private static long bytes(Mailbox.Message m) {
        return m.payload() == null ? 0 : m.payload().readableBytes();
    }

    /** Cancels a posted receive or probe of this rank, if it has not matched yet. */
    void cancel(CommTable comms, int rank, int reqId) {
        for (Map.Entry<Long, Mailbox> e : boxes.entrySet()) {
            CommInfo ci = comms.get(commOf(e.getKey()));
            if (ci == null || ci.members[rankOf(e.getKey())] != rank) {
                continue;
            }
            for (Iterator<Mailbox.Posted> it = e.getValue().posted.iterator(); it.hasNext(); ) {
                if (it.next().reqId() == reqId) {
                    it.remove();
                    replies.reply(rank, Reply.message(reqId, Reply.CANCELLED, MPI.ANY_SOURCE, MPI.ANY_TAG, 0, 0,
                            Parts.NONE));
                    return;
                }
            }
        }
    }

    /**
     * A rank died: its own mailboxes are emptied (synchronous senders to it fail), and receives that
     * wait for it, or for anyone on a communicator it is in, fail.
     */
    void failRank(CommTable comms, int rank, ErrorInfo e) {
        for (Map.Entry<Long, Mailbox> entry : boxes.entrySet()) {
            CommInfo ci = comms.get(commOf(entry.getKey()));
            int dest = rankOf(entry.getKey());
            Mailbox mb = entry.getValue();
            if (ci == null || ci.rankOf(rank) < 0) {
                continue;
            }
            if (ci.members[dest] == rank) {
                dropMessages(mb, e);
                mb.posted.clear();
                continue;
            }
            int deadRank = ci.rankOf(rank);
            for (Iterator<Mailbox.Posted> it = mb.posted.iterator(); it.hasNext(); ) {
                Mailbox.Posted p = it.next();
                if (p.source() == deadRank || p.source() == MPI.ANY_SOURCE) {
                    it.remove();
                    replies.reply(ci.members[dest], Reply.error(p.reqId(), e));
                }
            }
        }
    }

    /** A communicator was revoked: its receives and probes fail, its messages go (their synchronous senders told). */
    void failComm(CommInfo ci, ErrorInfo e) {
        for (Map.Entry<Long, Mailbox> entry : boxes.entrySet()) {
            if (commOf(entry.getKey()) != ci.id) {
                continue;
            }
            Mailbox mb = entry.getValue();
            dropMessages(mb, e);
            for (Mailbox.Posted p : mb.posted) {
                replies.reply(ci.members[rankOf(entry.getKey())], Reply.error(p.reqId(), e));
            }
            mb.posted.clear();
        }
    }

    /** Drops the messages that wait in a mailbox; a synchronous sender learns why. */
    private void dropMessages(Mailbox mb, ErrorInfo e) {
        for (Mailbox.Message m : mb.unexpected) {
            if (m.sync()) {
                replies.reply(m.senderWorld(), Reply.error(m.senderReqId(), e));
            }
            replies.held(m.senderWorld(), -bytes(m));
        }
        mb.clearMessages();
    }

    /** Where a posted receive or probe that waited too long was, and what it answers with. */
    interface Overdue {
        ErrorInfo why(int worldRank, CommInfo comm, Mailbox.Posted p);
    }

    /** Where an ssend that waited too long for its receive was (its receiver's world rank), and what its sender is answered. */
    interface OverdueSend {
        ErrorInfo why(int destWorld, CommInfo comm, Mailbox.Message m);
    }

    /**
     * Fails every receive and probe posted before cutoff (System.nanoTime), with the error why gives
     * for it, and every ssend that has waited since then for its receive, which is dropped: a later
     * receive never sees it.
     */
    void failOlderThan(CommTable comms, long cutoff, Overdue why, OverdueSend whySend) {
        for (Map.Entry<Long, Mailbox> e : boxes.entrySet()) {
            CommInfo ci = comms.get(commOf(e.getKey()));
            if (ci == null) {
                continue;
            }
            int worldRank = ci.members[rankOf(e.getKey())];
            for (Iterator<Mailbox.Posted> it = e.getValue().posted.iterator(); it.hasNext(); ) {
                Mailbox.Posted p = it.next();
                if (p.since() - cutoff < 0) {
                    it.remove();
                    replies.reply(worldRank, Reply.error(p.reqId(), why.why(worldRank, ci, p)));
                }
            }
            for (Iterator<Mailbox.Message> it = e.getValue().unexpected.iterator(); it.hasNext(); ) {
                Mailbox.Message m = it.next();
                if (m.sync() && m.since() - cutoff < 0) {
                    it.remove();
                    replies.held(m.senderWorld(), -bytes(m));
                    if (m.payload() != null) {
                        m.payload().release();
                    }
                    replies.reply(m.senderWorld(), Reply.error(m.senderReqId(), whySend.why(worldRank, ci, m)));
                }
            }
        }
    }

    /** Drops every waiting message of the last job, with its payload. */
    void releaseAll() {
        for (Mailbox mb : boxes.values()) {
            mb.clearMessages();
        }
        boxes.clear();
    }

    /** Sees one ssend that waits for its receive: its receiver's world rank and communicator. */
    interface SsendVisitor {
        void visit(int destWorld, int comm, Mailbox.Message m);
    }

    /** Visits every ssend that waits for its receive, for the roll-call. */
    void forEachSsend(CommTable comms, SsendVisitor visit) {
        for (Map.Entry<Long, Mailbox> e : boxes.entrySet()) {
            CommInfo ci = comms.get(commOf(e.getKey()));
            for (Mailbox.Message m : e.getValue().unexpected) {
                if (m.sync() && ci != null) {
                    visit.visit(ci.members[rankOf(e.getKey())], ci.id, m);
                }
            }
        }
    }

    /** Visits every posted receive and probe with the key of its mailbox, for the roll-call. */
    void forEachPosted(CommTable comms, PostedVisitor visit) {
        for (Map.Entry<Long, Mailbox> e : boxes.entrySet()) {
            CommInfo ci = comms.get(commOf(e.getKey()));
            int worldRank = ci == null ? -1 : ci.members[rankOf(e.getKey())];
            for (Mailbox.Posted p : e.getValue().posted) {
                visit.visit(worldRank, commOf(e.getKey()), p);
            }
        }
    }

    private static int commOf(long key) {
        return (int) (key >> 32);
    }

    private static int rankOf(long key) {
        return (int) key;
    }
}
