package jmpi.runtime.p2p;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.link.Link;
import jmpi.runtime.wire.RankQuery;
import jmpi.runtime.wire.Reply;

/**
 * JMPI_OP_TIMEOUT on this rank's links: a receive, probe or collective step that has waited that
 * long fails with ERR_TIMEOUT, taken back first so nothing of it stays behind; a synchronous or large
 * send that waits that long for its receive is withdrawn, and fails unless a receive matched it first. Its message says what
 * each other rank of the communicator is doing, from the coordinator's roll-call, for which the
 * coordinator asks every rank what it waits for; the wait stays posted while the answer comes, so
 * that a rank that times out at the same moment still sees it.
 */
final class OverdueWaits implements AutoCloseable {
    /** The most other ranks a message describes one by one; the rest are counted. */
    private static final int NAMED = 8;
    /** How long a rank waits for the roll-call before failing its waits without it. */
    private static final long ASK_SECONDS = 3;

    /** How many waits that timed out lately a rank reports, at most. */
    private static final int RECENT = 16;

    /** The roll-call by world rank, or null and why there is none. */
    private record RollCall(String[] lines, String missing) {
    }

    /** A wait that timed out, and when. */
    private record TimedOut(String what, long at) {
    }

    private final Duration timeout;
    private final Matcher matcher;
    private final Sends sends;
    private final Supplier<Link> coordinator;
    private final int me;
    private final ScheduledExecutorService timer;
    /** The waits that timed out within the last timeout, oldest first; guarded by itself. */
    private final Deque<TimedOut> recent = new ArrayDeque<>();

    private OverdueWaits(Duration timeout, Matcher matcher, Sends sends, Supplier<Link> coordinator, int me) {
        this.timeout = timeout;
        this.matcher = matcher;
        this.sends = sends;
        this.coordinator = coordinator;
        this.me = me;
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "jmpi-op-timeout-" + me);
            thread.setDaemon(true);
            return thread;
        });
        t.setRemoveOnCancelPolicy(true);
        this.timer = Executors.unconfigurableScheduledExecutorService(t);
        // looked at ten times per timeout, so that nothing waits much past it
        long every = Math.max(10, Math.min(1000, timeout.toMillis() / 10));
        timer.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
    }

    /** Watches the waits of matcher and sends when timeout is set; null when it is zero (off): no thread then. */
    static OverdueWaits start(Duration timeout, Matcher matcher, Sends sends, Supplier<Link> coordinator, int me) {
        return timeout.isZero() ? null : new OverdueWaits(timeout, matcher, sends, coordinator, me);
    }

    private void check() {
        long cutoff = System.nanoTime() - timeout.toNanos();
        List<Matcher.Waiting> late = matcher.overdue(cutoff);
        List<Sends.Late> lateSends = sends.overdue(cutoff);
        if (!late.isEmpty() || !lateSends.isEmpty()) {
            // failed on the timer's thread, never on the link's thread that brings the answer
            askRollCall().thenAccept(roll -> {
                try {
                    timer.execute(() -> {
                        fail(late, roll);
                        withdraw(lateSends, roll);
                    });
                } catch (RejectedExecutionException e) {
                    // closed meanwhile: the waits went with the data plane
                }
            });
        }
    }

    /** Asks the coordinator for what every rank does now; completes within ASK_SECONDS, with or without it. */
    private CompletableFuture<RollCall> askRollCall() {
        CompletableFuture<RollCall> got = new CompletableFuture<>();
        timer.schedule(() -> got.complete(new RollCall(null, "the coordinator did not answer within " + ASK_SECONDS
                + " s")), ASK_SECONDS, TimeUnit.SECONDS);
        try {
            Link c = coordinator.get();
            int id = c.nextId();
            c.send(new RankQuery(id, false), id, reply -> got.complete(reply.status() == Reply.ERROR
                    ? new RollCall(null, reply.error().message())
                    : new RollCall(lines(reply), null)));
        } catch (RuntimeException e) {
            got.complete(new RollCall(null, String.valueOf(e.getMessage())));
        }
        return got;
    }

    private static String[] lines(Reply reply) {
        return reply.parts().length == 0 || reply.parts()[0] == null ? new String[0]
                : reply.parts()[0].toString(StandardCharsets.UTF_8).split("\n", -1);
    }

    private void fail(List<Matcher.Waiting> late, RollCall roll) {
        long now = System.nanoTime();
        for (Matcher.Waiting w : late) {
            List<Matcher.Posted> gone = matcher.takeBack(w);
            if (!gone.isEmpty()) {
                timedOut(matcher.describe(w));
                MPIException e = new MPIException(MPI.ERR_TIMEOUT, message(w, roll, now));
                for (Matcher.Posted p : gone) {
                    p.delivery.failed(e);
                }
            }
        }
    }

    private void timedOut(String what) {
        synchronized (recent) {
            recent.addLast(new TimedOut(what, System.nanoTime()));
            if (recent.size() > RECENT) {
                recent.removeFirst();
            }
        }
    }

    /** Sends that wait too long for their receive are withdrawn: each fails if its receiver had not matched it. */
    private void withdraw(List<Sends.Late> late, RollCall roll) {
        long now = System.nanoTime();
        for (Sends.Late s : late) {
            StringBuilder b = new StringBuilder(s.what()).append(" unmatched for ").append((now - s.since()) / 1_000_000)
                    .append(" ms (JMPI_OP_TIMEOUT ").append(timeout.toMillis()).append(" ms)");
            if (roll.lines() == null) {
                b.append(": what rank ").append(s.dest()).append(" does is not known: ").append(roll.missing());
            } else {
                b.append(": no matching receive was posted by ").append(describe(s.dest(), roll));
            }
            sends.withdraw(s, new MPIException(MPI.ERR_TIMEOUT, b.toString()), () -> timedOut(s.what()));
        }
    }

    private String message(Matcher.Waiting w, RollCall roll, long now) {
        Matcher.Posted p = w.posted();
        StringBuilder b = new StringBuilder(matcher.describe(w)).append(" unmatched for ")
                .append((now - p.since) / 1_000_000).append(" ms (JMPI_OP_TIMEOUT ").append(timeout.toMillis())
                .append(" ms)");
        if (roll.lines() == null) {
            return b.append(": what the other ranks do is not known: ").append(roll.missing()).toString();
        }
        if (p.fromWorld >= 0) {
            b.append(": no message came from ").append(describe(p.fromWorld, roll));
        } else {
            b.append(": no message came from any rank");
        }
        int named = 0;
        int others = 0;
        for (int r : p.members) {
            if (r >= 0 && r != me && r != p.fromWorld) {
                others++;
                if (named < NAMED) {
                    b.append(named++ == 0 ? "; the others: " : "; ").append(describe(r, roll));
                }
            }
        }
        if (others > named) {
            b.append("; and ").append(others - named).append(" more ranks");
        }
        return b.toString();
    }

    private static String describe(int worldRank, RollCall roll) {
        String line = worldRank < roll.lines().length ? roll.lines()[worldRank] : "not in the roll-call";
        return "rank " + worldRank + " (" + line + ")";
    }

    /**
     * The waits that timed out within the last timeout, a line each: a rank that times out at the
     * same moment as this one asks the roll-call when this one's waits may be gone already.
     */
    List<String> recent() {
        long now = System.nanoTime();
        List<String> lines = new ArrayList<>();
        synchronized (recent) {
            while (!recent.isEmpty() && now - recent.peekFirst().at() > timeout.toNanos()) {
                recent.removeFirst();
            }
            for (TimedOut t : recent) {
                lines.add(t.what() + " until " + (now - t.at()) / 1_000_000 + " ms ago, when it timed out");
            }
        }
        return lines;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
