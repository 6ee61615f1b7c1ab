package jmpi.bench;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jmpi.Comm;
import jmpi.Config;
import jmpi.Coordinator;
import jmpi.Session;

/**
 * A job of n ranks inside this JVM, as the testing kit runs one: a coordinator on a free loopback port
 * and a session and a thread per rank. Built on the public API alone; the kit itself would bring
 * JUnit onto the benchmarks' module path.
 */
final class InJvmRanks implements AutoCloseable {
    /** What one rank runs; its result is returned by rank. */
    interface RankBody<R> {
        R run(Comm world) throws Exception;
    }

    private final Coordinator coordinator;
    private final List<Session> sessions = new ArrayList<>();
    private final ExecutorService threads;

    private InJvmRanks(int n) {
        byte[] t = new byte[16];
        new SecureRandom().nextBytes(t);
        Config base = Config.builder().port(0).token(HexFormat.of().formatHex(t)).waitTime(Duration.ofSeconds(30))
                .data(Config.DATA_DIRECT).build();
        threads = Executors.newFixedThreadPool(n, r -> {
            Thread th = new Thread(r, "rank");
            th.setDaemon(true);
            return th;
        });
        coordinator = Coordinator.start(base);
        try {
            for (int r = 0; r < n; r++) {
                sessions.add(Session.connect(base.toBuilder().rank(r).size(n).addr("127.0.0.1")
                        .port(coordinator.address().getPort()).build()));
            }
        } catch (RuntimeException e) {
            coordinator.close();
            threads.shutdownNow();
            throw e;
        }
    }

    /** Starts a job of n ranks whose messages go rank to rank. */
    static InJvmRanks start(int n) {
        return new InJvmRanks(n);
    }

    /**
     * Runs body on every rank at once; returns the results by rank. The first failure (or the timeout)
     * stops the coordinator, so that no rank waits on a rank that gave up.
     */
    <R> List<R> run(RankBody<R> body, Duration timeout) throws Exception {
        List<Future<R>> running = new ArrayList<>();
        for (Session s : sessions) {
            running.add(threads.submit(() -> body.run(s.world())));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<R> results = new ArrayList<>();
        try {
            for (int r = 0; r < running.size(); r++) {
                results.add(running.get(r).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
        } catch (ExecutionException | TimeoutException e) {
            coordinator.close();
            throw new IllegalStateException("rank " + results.size() + " did not finish: " + e, e);
        }
        return results;
    }

    /** Finalizes every rank (collective: all at once), then stops the coordinator. */
    @Override
    public void close() throws Exception {
        try {
            List<Future<?>> closing = new ArrayList<>();
            for (Session s : sessions) {
                closing.add(threads.submit(s::close));
            }
            for (Future<?> f : closing) {
                f.get(1, TimeUnit.MINUTES);
            }
        } finally {
            coordinator.close();
            threads.shutdownNow();
        }
    }
}
