package jmpi.runtime.coordinator;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.serial.ObjectSerializer;
import jmpi.runtime.link.shm.Segment;
import jmpi.runtime.link.shm.ShmBuf;
import jmpi.runtime.wire.AckCall;
import jmpi.runtime.wire.Call;
import jmpi.runtime.wire.CommRevoked;
import jmpi.runtime.wire.CommName;
import jmpi.runtime.wire.ErrorInfo;
import jmpi.runtime.wire.FrameCodec;
import jmpi.runtime.wire.Hello;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.MatchedCall;
import jmpi.runtime.wire.PeerQuery;
import jmpi.runtime.wire.JobAborted;
import jmpi.runtime.wire.Parts;
import jmpi.runtime.wire.RankFailed;
import jmpi.runtime.wire.RankQuery;
import jmpi.runtime.wire.RecvCall;
import jmpi.runtime.wire.Reply;
import jmpi.runtime.wire.RevokeCall;
import jmpi.runtime.wire.SendCall;
import jmpi.runtime.wire.SharedCall;
import jmpi.runtime.wire.Welcome;

/**
 * The coordinator of one job at a time: admits ranks, routes their calls to the matcher of
 * collectives or to the mailboxes, and fails what waits on a rank that dies.
 *
 * <p>Every method runs on the coordinator's single thread (its event loop, or the lock of an
 * in-process coordinator), so the state needs no locks. Payloads are never copied here: a call's
 * parts are slices of the bytes read, kept (retained) while the operation waits, and forwarded to
 * each destination as new references to the same memory.
 */
final class Engine {
    private static final System.Logger LOG = System.getLogger(Engine.class.getName());

    private final Admission admission;
    private final Replies replies;
    private final CommTable comms = new CommTable();
    private final OpMatcher ops;
    private final Mailboxes mailboxes;
    private final RollCall rollCall;
    private final PeerAddresses peers;
    private final SharedStore shared;
    private final OverdueOps overdue;
    private final ThreadDumps threadDumps;
    private Job job;
    private CompletableFuture<Void> jobDone = new CompletableFuture<>();

    Engine(ObjectSerializer serial, String requiredToken, int expectedSize) {
        this(serial, requiredToken, expectedSize, Long.MAX_VALUE);
    }

    /** heldLimit: bytes of a rank's sent messages that may wait for their receives before it is paused. */
    Engine(ObjectSerializer serial, String requiredToken, int expectedSize, long heldLimit) {
        this.admission = new Admission(requiredToken, expectedSize);
        this.replies = new Replies(heldLimit);
        this.ops = new OpMatcher(new CoordinatorAnswers(serial, comms, replies, this::hostOf), replies);
        this.mailboxes = new Mailboxes(replies);
        this.shared = new SharedStore(replies, serial, heldLimit);
        this.rollCall = new RollCall(ops, mailboxes, comms, replies, shared);
        this.peers = new PeerAddresses(replies);
        this.overdue = new OverdueOps(ops, mailboxes, comms, rollCall);
        this.threadDumps = new ThreadDumps(replies);
    }

    /** Lets ranks on this host exchange large payloads through their shared-memory segments. */
    void acceptShm(boolean accept) {
        admission.acceptShm(accept);
    }

    /** Completes when every rank of the current (or, between jobs, the last) job has left. */
    CompletableFuture<Void> jobDone() {
        return jobDone;
    }

    /** Admits a rank, or refuses it with a reason; returns the rank or -1. */
    int hello(RankPort port, Hello h) {
        String why = admission.refusal(job, h);
        if (why != null) {
            port.refuse(why);
            return -1;
        }
        if (job == null) {
            startJob(new Job(h.size(), h.token()));
        }
        job.ports[h.rank()] = port;
        replies.updateReading(h.rank());
        boolean shared = admission.mapSegment(job, port, h);
        job.hosts[h.rank()] = Admission.hostOf(port, h, shared);
        port.write(new Welcome(FrameCodec.VERSION, shared ? Welcome.SHM : 0));
        peers.joined(h.rank(), h.data(), port.host());
        port.flush();
        replies.flush();
        return h.rank();
    }

    private void startJob(Job next) {
        if (jobDone.isDone()) {
            jobDone = new CompletableFuture<>();
        }
        ops.releaseAll();
        mailboxes.releaseAll();
        shared.reset();
        job = next;
        comms.reset(next.size);
        replies.start(next);
        rollCall.start(next.size);
        peers.start(next);
    }

    /** A rank said goodbye after finalizing. */
    void bye(int rank) {
        if (job == null) {
            return;
        }
        job.left[rank] = true;
        peers.left(rank);
        maybeEndJob();
    }

    /** A rank aborts the job: every other rank is told, and exits with the code. */
    void aborted(int rank, int code) {
        if (job == null) {
            return;
        }
        for (int r = 0; r < job.size; r++) {
            if (r != rank && !job.left[r]) {
                replies.tell(r, new JobAborted(rank, code));
            }
        }
        flush();
    }

    /** A rank's connection closed: unless it said goodbye, it failed. */
    void closed(int rank) {
        if (job == null || rank < 0) {
            return;
        }
        job.ports[rank] = null;
        if (!job.left[rank]) {
            job.failed[rank] = true;
            job.left[rank] = true;
            LOG.log(System.Logger.Level.WARNING, "rank {0} failed: its connection closed before it finalized", rank);
            failRank(rank);
        }
        maybeEndJob();
    }

    private void maybeEndJob() {
        if (!job.everyoneLeft()) {
            return;
        }
        flush();
        ops.releaseAll();
        mailboxes.releaseAll();
        shared.reset();
        // every rank has read all it was sent, so no block is named by anything in flight
        for (String s : job.segments) {
            if (s != null) {
                Segment.remove(s);
            }
        }
        job = null;
        // stays completed until the next job starts, so a late look still sees this job as done
        jobDone.complete(null);
    }

    /** Fails everything pending that involves the dead rank. */
    private void failRank(int rank) {
        if (job.segments[rank] != null) {
            // its file may go before every reader has mapped it; what is still forwarded from it goes as bytes
            Segment.orphan(job.segments[rank]);
        }
        ErrorInfo e = ErrorInfo.failed(rank, "rank " + rank + " failed");
        ops.failRank(rank, e);
        peers.failed(rank);
        mailboxes.failRank(comms, rank, e);
        shared.failRank(rank);
        // ranks may wait for it on their own links, where only this word reaches them
        // through the replies, so that it is flushed even when no reply goes with it
        for (int r = 0; r < job.size; r++) {
            if (r != rank && !job.left[r]) {
                replies.tell(r, new RankFailed(rank));
            }
        }
        flush();
    }

    /** A connection filled up or drained. */
    void writabilityChanged(RankPort port) {
        replies.writabilityChanged(port);
    }

    void call(int rank, Call c) {
        if (job == null) {
            // a frame after the job ended: nobody waits for its answer
            return;
        }
        rollCall.called(rank, c);
        if (job.segments[rank] != null) {
            for (ByteBuf part : c.parts()) {
                if (part instanceof ShmBuf) {
                    job.sharedBytes[rank] += part.readableBytes();
                }
            }
        }
        CommInfo ci = comms.get(c.comm());
        if (ci == null || ci.rankOf(rank) < 0) {
            replies.reply(rank, Reply.error(c.reqId(), ErrorInfo.mpi(MPI.ERR_COMM,
                    "communicator " + c.comm() + " unknown or does not contain rank " + rank)));
            return;
        }
        if (c instanceof AckCall a) {
            ci.acked.put(rank, a.failed().clone());
            replies.reply(rank, Reply.ok(a.reqId()));
            return;
        }
        if (c instanceof RevokeCall) {
            revoke(rank, ci, c.reqId());
            return;
        }
        if (ci.revokedBy >= 0 && c.kind().category() != Kind.Category.SURVIVORS) {
            replies.reply(rank, Reply.error(c.reqId(), ErrorInfo.mpi(MPI.ERR_REVOKED,
                    new CommRevoked(ci.id, ci.revokedBy).message())));
            return;
        }
        String wrongType = CallChecks.elementType(c);
        if (wrongType != null) {
            // checked before anything is kept: a message of no known element type cannot be counted later
            replies.reply(rank, Reply.error(c.reqId(), ErrorInfo.mpi(MPI.ERR_TYPE, wrongType)));
            return;
        }
        try {
            if (c instanceof MatchedCall m) {
                ops.call(job, rank, ci, m);
            } else if (c instanceof SharedCall s) {
                shared.call(rank, s);
            } else if (c instanceof SendCall s) {
                mailboxes.send(job, rank, ci, s);
            } else {
                mailboxes.receive(job, rank, ci, (RecvCall) c);
            }
        } catch (MPIException e) {
            replies.reply(rank, Reply.error(c.reqId(), ErrorInfo.of(e)));
        }
    }

    /** A rank revokes a communicator: what waits on it fails on every member, and every live member is told. */
    private void revoke(int rank, CommInfo ci, int reqId) {
        if (ci.revokedBy < 0) {
            ci.revokedBy = rank;
            CommRevoked notice = new CommRevoked(ci.id, rank);
            ErrorInfo e = ErrorInfo.mpi(MPI.ERR_REVOKED, notice.message());
            ops.failComm(ci.id, e);
            mailboxes.failComm(ci, e);
            for (int m : ci.members) {
                if (!job.left[m]) {
                    replies.tell(m, notice);
                }
            }
        }
        replies.reply(rank, Reply.ok(reqId));
    }

    /** A world rank's host, as the lowest world rank on it, for {@code Split_type}. */
    private int hostOf(int worldRank) {
        for (int r = 0; r < worldRank; r++) {
            if (job.hosts[worldRank].equals(job.hosts[r])) {
                return r;
            }
        }
        return worldRank;
    }

    /** A member named a communicator: the status page and the warnings say the name from now on. */
    void named(int rank, CommName n) {
        CommInfo ci = comms.get(n.comm());
        if (ci != null && ci.rankOf(rank) >= 0) {
            ci.name = n.name();
        }
    }

    /** Where another rank's data link listens: answered now, or once that rank joins. */
    void peerQuery(int rank, PeerQuery q) {
        if (job != null) {
            peers.query(job, rank, q);
        }
    }

    /** Cancels a posted receive or probe of this rank, if it has not matched yet. */
    void cancel(int rank, int reqId) {
        if (!shared.cancel(rank, reqId)) {
            mailboxes.cancel(comms, rank, reqId);
        }
    }

    /** Logs, once per operation, every collective that has waited longer than threshold, and for whom. */
    void warnAboutWaits(long thresholdNanos) {
        if (job != null) {
            rollCall.warnAboutWaits(thresholdNanos);
        }
    }

    /** Fails, with ERR_TIMEOUT, every operation and receive unmatched for longer than timeout (JMPI_OP_TIMEOUT). */
    void failOverdue(java.time.Duration timeout) {
        if (job != null) {
            overdue.fail(job, timeout);
            flush();
        }
    }

    /** What the coordinator waits for, as JSON: pending collectives, posted receives, every rank's last call. */
    String statusJson() {
        return rollCall.json(job);
    }

    /** Asks the ranks for their threads, and gathers the answers. */
    ThreadDumps threadDumps() {
        return threadDumps;
    }

    /**
     * Asks every rank what it waits for on its links (and, with threads, for its threads); done gets the
     * roll-call as text, each rank's own waits added. Returns the question's id, for {@link ThreadDumps#due}.
     */
    int askRanks(boolean threads, CompletableFuture<String> done) {
        Job j = job;
        return threadDumps.ask(j, threads, round -> {
            String text = j == null ? "no job" : RollCall.text(round.withWaits(rollCall.lines(j)));
            done.complete(threads ? text + "\n" + round.threads() : text);
        });
    }

    /**
     * A rank asks for the roll-call (JMPI_OP_TIMEOUT on its links): every rank is asked what it waits
     * for, and the answer is a reply to the question whose one part is a line per world rank.
     */
    int rollCallFor(int rank, RankQuery q) {
        Job j = job;
        return threadDumps.ask(j, false, round -> {
            String lines = j == null ? "" : String.join("\n", round.withWaits(rollCall.lines(j)));
            replies.tell(rank, Reply.ok(q.id(), Parts.wrap(lines.getBytes(StandardCharsets.UTF_8))));
            replies.flush();
        });
    }

    /** What every rank waits in, as text, one line per rank. */
    String rollCall() {
        return rollCall.text(job);
    }

    /** Flushes every connection written to since the last flush. */
    void flush() {
        replies.flush();
    }

    @Override
    public String toString() {
        return "Engine[size=" + (job == null ? 0 : job.size) + ", pending=" + ops.waiting().size() + "]";
    }
}
