package jmpi.testing;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jmpi.Comm;
import jmpi.Config;
import jmpi.Coordinator;
import jmpi.Session;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.opentest4j.TestAbortedException;

/**
 * One job inside this JVM: a coordinator on a free loopback port and one thread per rank, each with a
 * session of its own. A rank connects, runs the body and finalizes in its thread, so the timeout covers
 * all three. The first rank to fail fails the job; stopping the coordinator then makes every other
 * rank's pending operation fail instead of wait.
 */
final class LocalJob {
    /** How long stopped ranks get to leave their calls before the job gives up on them. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final int size;
    private final Duration timeout;
    private final Coordinator coordinator;
    private final Config base;
    private final List<Thread> threads = new ArrayList<>();
    private final List<CompletableFuture<Void>> done = new ArrayList<>();
    /** Each rank's session once connected, for what it waits for on its own links. */
    private final Session[] sessions;
    private final CompletableFuture<RankFailure> firstFailure = new CompletableFuture<>();

    private LocalJob(int size, Duration timeout) {
        this.size = size;
        this.timeout = timeout;
        this.sessions = new Session[size];
        byte[] t = new byte[16];
        new SecureRandom().nextBytes(t);
        // JMPI_SERIAL still applies, so that a user can allow classes as in a real job
        Config start = Config.builder().port(0).token(HexFormat.of().formatHex(t))
                .serial(Config.fromEnvironment().serial()).waitTime(Duration.ofSeconds(10)).build();
        this.coordinator = Coordinator.start(start);
        this.base = start.toBuilder().size(size).addr("127.0.0.1").port(coordinator.address().getPort()).build();
    }

    /**
     * Runs body on every rank of a new job of size ranks and returns once all have finalized.
     *
     * @throws AssertionError naming the first rank that failed and carrying its exception, or, when time
     *     runs out, saying what every rank waits in
     */
    static void run(int size, Duration timeout, ThrowingConsumer<Comm> body) {
        if (size < 1) {
            throw new IllegalArgumentException("ranks " + size + " must be at least 1");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout " + timeout + " must be positive");
        }
        new LocalJob(size, timeout).run(body);
    }

    private void run(ThrowingConsumer<Comm> body) {
        for (int r = 0; r < size; r++) {
            int rank = r;
            CompletableFuture<Void> f = new CompletableFuture<>();
            Thread t = new Thread(() -> rank(rank, body, f), "jmpi-rank-" + r);
            // a rank stuck outside jmpi, which stopping the coordinator cannot reach, must not keep the JVM
            t.setDaemon(true);
            threads.add(t);
            done.add(f);
        }
        threads.forEach(Thread::start);
        CompletableFuture<Void> all = CompletableFuture.allOf(done.toArray(CompletableFuture[]::new));
        try {
            CompletableFuture.anyOf(all, firstFailure).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            String rollCall = coordinator.rollCall() + peerWaits();
            String where = RankThreads.where(threads);
            stop();
            throw new AssertionError("timed out after " + human(timeout) + "; what each rank waits in:\n" + rollCall
                    + where);
        } catch (InterruptedException e) {
            stop();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while the ranks ran", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a rank's completion cannot fail", e);
        }
        RankFailure failure = firstFailure.getNow(null);
        if (failure != null) {
            stop();
            if (failure.cause instanceof TestAbortedException aborted) {
                // an assumption that failed on a rank skips the run, as it would in one process
                throw aborted;
            }
            throw new AssertionError("rank " + failure.rank + " failed: " + failure.cause, failure.cause);
        }
        coordinator.close();
    }

    /**
     * What one rank's thread does: connect, run the body, finalize; the first failure is the job's. A
     * rank that failed finalizes only after it said so: finalizing waits for the others, which wait
     * until the failure stops the job.
     */
    private void rank(int rank, ThrowingConsumer<Comm> body, CompletableFuture<Void> f) {
        Session session = null;
        try {
            session = Session.connect(base.toBuilder().rank(rank).build());
            sessions[rank] = session;
            body.accept(session.world());
        } catch (Throwable e) {
            firstFailure.complete(new RankFailure(rank, e));
        }
        try {
            if (session != null) {
                session.close();
            }
        } catch (Throwable e) {
            firstFailure.complete(new RankFailure(rank, e));
        } finally {
            f.complete(null);
        }
    }

    /** What each rank waits for on its links to the others, which the coordinator does not see. */
    private String peerWaits() {
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < size; r++) {
            Session s = sessions[r];
            if (s != null) {
                for (String w : s.waits()) {
                    b.append("\nrank ").append(r).append(": waits in ").append(w).append(", on its links to its peers");
                }
            }
        }
        return b.toString();
    }

    /** Stops every rank: their calls fail once the coordinator is gone; a sleeping rank is interrupted. */
    private void stop() {
        coordinator.close();
        threads.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (CompletableFuture<Void> f : done) {
            try {
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                // the rank is stuck outside jmpi; its thread is a daemon and is left behind
            }
        }
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private record RankFailure(int rank, Throwable cause) {
    }
}
