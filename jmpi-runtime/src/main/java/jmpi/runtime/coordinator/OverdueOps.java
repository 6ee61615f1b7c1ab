package jmpi.runtime.coordinator;

import java.time.Duration;
import jmpi.MPI;
import jmpi.runtime.wire.ErrorInfo;

/**
 * JMPI_OP_TIMEOUT on the coordinator's path: an operation that has waited that long for its members,
 * or a receive for its message, fails on every rank that waits in it with ERR_TIMEOUT, and its message
 * says what each missing rank is doing now, from the roll-call.
 */
final class OverdueOps {
    /** The most ranks a message describes one by one; the rest are counted. */
    private static final int NAMED = 8;

    private final OpMatcher ops;
    private final Mailboxes mailboxes;
    private final CommTable comms;
    private final RollCall rollCall;

    OverdueOps(OpMatcher ops, Mailboxes mailboxes, CommTable comms, RollCall rollCall) {
        this.ops = ops;
        this.mailboxes = mailboxes;
        this.comms = comms;
        this.rollCall = rollCall;
    }

    /** Fails what has waited longer than timeout. */
    void fail(Job job, Duration timeout) {
        long now = System.nanoTime();
        long cutoff = now - timeout.toNanos();
        String[] doing = rollCall.lines(job);
        String limit = " (JMPI_OP_TIMEOUT " + timeout.toMillis() + " ms)";
        ops.failOlderThan(cutoff, p -> {
            StringBuilder b = new StringBuilder(p.firstArrived().describe()).append(" on communicator ")
                    .append(comms.label(p.comm.id)).append(" unmatched for ").append(ms(now - p.since)).append(" ms").append(limit)
                    .append(": missing ");
            int named = 0;
            int missing = 0;
            for (int i = 0; i < p.members.length; i++) {
                if (p.calls[i] == null) {
                    missing++;
                    if (named++ < NAMED) {
                        b.append(named == 1 ? "" : "; ").append(describe(p.members[i], doing));
                    }
                }
            }
            if (missing > NAMED) {
                b.append("; and ").append(missing - NAMED).append(" more ranks");
            }
            return ErrorInfo.mpi(MPI.ERR_TIMEOUT, b.toString());
        });
        mailboxes.failOlderThan(comms, cutoff, (worldRank, ci, posted) -> {
            StringBuilder b = new StringBuilder(posted.probe() ? "probe" : "recv").append("(source ")
                    .append(posted.source() == MPI.ANY_SOURCE ? "any" : posted.source()).append(", tag ")
                    .append(posted.tag() == MPI.ANY_TAG ? "any" : posted.tag()).append(") on communicator ")
                    .append(comms.label(ci.id)).append(" unmatched for ").append(ms(now - posted.since())).append(" ms").append(limit)
                    .append(": no message came from ");
            if (posted.source() != MPI.ANY_SOURCE && posted.source() >= 0 && posted.source() < ci.size()) {
                b.append(describe(ci.members[posted.source()], doing));
            } else {
                int named = 0;
                for (int member : ci.members) {
                    if (member != worldRank && named++ < NAMED) {
                        b.append(named == 1 ? "" : "; ").append(describe(member, doing));
                    }
                }
                if (named > NAMED) {
                    b.append("; and ").append(named - NAMED).append(" more ranks");
                }
            }
            return ErrorInfo.mpi(MPI.ERR_TIMEOUT, b.toString());
        }, (destWorld, ci, m) -> ErrorInfo.mpi(MPI.ERR_TIMEOUT, rollCall.ssend(destWorld, ci.id, m) + " unmatched for "
                + ms(now - m.since()) + " ms" + limit + ": no matching receive was posted by "
                + describe(destWorld, doing)));
    }

    private static String describe(int worldRank, String[] doing) {
        return "rank " + worldRank + " (" + doing[worldRank] + ")";
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
