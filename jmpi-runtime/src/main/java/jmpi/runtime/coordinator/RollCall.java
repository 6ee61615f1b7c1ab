package jmpi.runtime.coordinator;

import java.util.Map;
import jmpi.MPI;
import jmpi.runtime.wire.Call;

/**
 * What every rank is doing, for the one who asks why a job waits: each rank's last call and when
 * it came, the operations that wait for members, and the receives that wait for messages.
 */
final class RollCall {
    private static final System.Logger LOG = System.getLogger(RollCall.class.getName());

    private final OpMatcher ops;
    private final Mailboxes mailboxes;
    private final CommTable comms;
    private final Replies replies;
    private final SharedStore shared;
    private String[] lastCall;
    private long[] lastCallAt;

    RollCall(OpMatcher ops, Mailboxes mailboxes, CommTable comms, Replies replies, SharedStore shared) {
        this.shared = shared;
        this.ops = ops;
        this.mailboxes = mailboxes;
        this.comms = comms;
        this.replies = replies;
    }

    void start(int size) {
        lastCall = new String[size];
        lastCallAt = new long[size];
    }

    /** Notes a rank's call as its latest. */
    void called(int rank, Call c) {
        lastCall[rank] = c.describe() + " on communicator " + comms.label(c.comm());
        lastCallAt[rank] = System.nanoTime();
    }

    private static long ms(long since, long now) {
        return (now - since) / 1_000_000;
    }

    /** Logs, once per operation, every one that has waited longer than threshold, and for whom. */
    void warnAboutWaits(long thresholdNanos) {
        long now = System.nanoTime();
        for (Map.Entry<OpMatcher.Key, Pending> e : ops.waiting().entrySet()) {
            Pending p = e.getValue();
            if (p.warned || now - p.since < thresholdNanos) {
                continue;
            }
            p.warned = true;
            StringBuilder missing = new StringBuilder();
            for (int i = 0; i < p.members.length; i++) {
                if (p.calls[i] == null) {
                    int r = p.members[i];
                    missing.append(missing.length() == 0 ? "" : "; ").append("rank ").append(r).append(" last called ")
                            .append(lastCall[r] == null ? "nothing" : lastCall[r] + " " + ms(lastCallAt[r], now)
                                    + " ms ago");
                    if (replies.paused(r)) {
                        missing.append(" (not read: ").append(replies.held(r)).append(" bytes of its messages wait"
                                + " for receives, more than JMPI_SERIAL_QUEUE)");
                    }
                }
            }
            LOG.log(System.Logger.Level.WARNING, "{0} on communicator {1} has waited {2} ms for: {3}",
                    p.firstArrived().describe(), comms.label(e.getKey().comm()), ms(p.since, now), missing);
        }
    }

    /** The roll-call as JSON: every rank, the operations that wait for members, the posted receives. */
    String json(Job job) {
        long now = System.nanoTime();
        Json b = new Json("{\"size\":").append(job == null ? 0 : job.size).append(",\"ranks\":[");
        if (job != null) {
            for (int r = 0; r < job.size; r++) {
                b.append(r == 0 ? "" : ",").append("{\"rank\":").append(r)
                        .append(",\"connected\":").append(job.ports[r] != null)
                        .append(",\"finalized\":").append(job.left[r] && !job.failed[r])
                        .append(",\"failed\":").append(job.failed[r])
                        .append(",\"paused\":").append(replies.paused(r))
                        .append(",\"heldBytes\":").append(replies.held(r))
                        .append(",\"sharedMemory\":").append(job.segments[r] != null)
                        .append(",\"sharedBytes\":").append(job.sharedBytes[r])
                        .append(",\"lastCall\":").string(lastCall[r])
                        .append(",\"lastCallMsAgo\":").append(lastCall[r] == null ? -1 : ms(lastCallAt[r], now))
                        .append('}');
            }
        }
        b.append("],\"collectives\":[");
        String sep = "";
        for (Map.Entry<OpMatcher.Key, Pending> e : ops.waiting().entrySet()) {
            Pending p = e.getValue();
            b.append(sep).append("{\"operation\":").string(p.firstArrived().kind().label())
                    .append(",\"communicator\":").append(e.getKey().comm())
                    .append(",\"communicatorName\":").string(comms.name(e.getKey().comm()))
                    .append(",\"seq\":").append(e.getKey().seq())
                    .append(",\"waitingMs\":").append(ms(p.since, now))
                    .append(",\"arrived\":").append(ranks(p, true))
                    .append(",\"missing\":").append(ranks(p, false)).append('}');
            sep = ",";
        }
        b.append("],\"receives\":[");
        String[] comma = {""};
        mailboxes.forEachPosted(comms, (rank, comm, p) -> {
            b.append(comma[0]).append("{\"rank\":").append(rank)
                    .append(",\"communicator\":").append(comm)
                    .append(",\"communicatorName\":").string(comms.name(comm))
                    .append(",\"source\":").append(p.source()).append(",\"tag\":").append(p.tag())
                    .append(",\"probe\":").append(p.probe())
                    .append(",\"waitingMs\":").append(ms(p.since(), now)).append('}');
            comma[0] = ",";
        });
        return b.append("]}").toString();
    }

    /**
     * The roll-call as text, one line per rank: the operation it waits in and for whom, the receive it
     * waits in, or, for a rank that waits in no call, what it called last (it is busy elsewhere).
     */
    String text(Job job) {
        if (job == null) {
            return "no job";
        }
        return text(lines(job));
    }

    /** Lines by world rank as the text roll-call prints them. */
    static String text(String[] lines) {
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < lines.length; r++) {
            b.append(r == 0 ? "" : "\n").append("rank ").append(r).append(": ").append(lines[r]);
        }
        return b.toString();
    }

    /** What each rank of the job is doing now, by world rank, as the text roll-call says it. */
    String[] lines(Job job) {
        long now = System.nanoTime();
        String[] waits = new String[job.size];
        for (Map.Entry<OpMatcher.Key, Pending> e : ops.waiting().entrySet()) {
            Pending p = e.getValue();
            String what = p.firstArrived().describe() + " on communicator " + comms.label(e.getKey().comm()) + " for "
                    + ms(p.since, now) + " ms, missing ranks " + ranks(p, false);
            for (int i = 0; i < p.members.length; i++) {
                if (p.calls[i] != null) {
                    waits[p.members[i]] = join(waits[p.members[i]], what);
                }
            }
        }
        mailboxes.forEachPosted(comms, (rank, comm, p) -> {
            if (rank >= 0 && rank < job.size) {
                waits[rank] = join(waits[rank], (p.probe() ? "probe" : "recv") + "(source "
                        + (p.source() == MPI.ANY_SOURCE ? "any" : p.source()) + ", tag "
                        + (p.tag() == MPI.ANY_TAG ? "any" : p.tag()) + ") on communicator " + comms.label(comm) + " for "
                        + ms(p.since(), now) + " ms");
            }
        });
        mailboxes.forEachSsend(comms, (destWorld, comm, m) -> {
            int rank = m.senderWorld();
            if (rank >= 0 && rank < job.size) {
                waits[rank] = join(waits[rank], ssend(destWorld, comm, m) + " for " + ms(m.since(), now) + " ms");
            }
        });
        shared.forEachWait(comms::label, (rank, what, since) -> {
            if (rank >= 0 && rank < job.size) {
                waits[rank] = join(waits[rank], what + " for " + ms(since, now) + " ms");
            }
        });
        String[] lines = new String[job.size];
        for (int r = 0; r < job.size; r++) {
            if (job.failed[r]) {
                lines[r] = "failed";
            } else if (job.left[r]) {
                lines[r] = "finalized";
            } else if (job.ports[r] == null) {
                lines[r] = "not connected";
            } else if (waits[r] != null) {
                lines[r] = "waits in " + waits[r];
            } else {
                lines[r] = "in no call; last called " + (lastCall[r] == null ? "nothing"
                        : lastCall[r] + " " + ms(lastCallAt[r], now) + " ms ago");
            }
        }
        return lines;
    }

    /** An ssend that waits in a mailbox for its receive, as the roll-call and a timeout say it. */
    String ssend(int destWorld, int comm, Mailbox.Message m) {
        return "ssend to rank " + destWorld + ", tag " + m.tag() + " on communicator " + comms.label(comm);
    }

    private static String join(String a, String b) {
        return a == null ? b : a + "; " + b;
    }

    private static String ranks(Pending p, boolean arrived) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < p.members.length; i++) {
            if ((p.calls[i] != null) == arrived) {
                b.append(b.length() == 1 ? "" : ",").append(p.members[i]);
            }
        }
        return b.append(']').toString();
    }
}
