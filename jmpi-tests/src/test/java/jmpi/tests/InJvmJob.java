package jmpi.tests;

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
import jmpi.Config;
import jmpi.Coordinator;
import jmpi.Session;

/** A job of n ranks inside this JVM: a coordinator on a free loopback port and one session per rank. */
final class InJvmJob implements AutoCloseable {
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "rank");
        t.setDaemon(true);
        return t;
    });

    /** How long one test may take on every rank before the job is torn down. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** What one rank runs. */
    interface RankBody {
        void run(int rank, Session session) throws Throwable;
    }

    private final Coordinator coordinator;
    private final List<Session> sessions = new ArrayList<>();

    private InJvmJob(int n, Config base) {
        coordinator = Coordinator.start(base);
        try {
            for (int r = 0; r < n; r++) {
                sessions.add(Session.connect(base.toBuilder().rank(r).size(n).addr("127.0.0.1")
                        .port(coordinator.address().getPort()).build()));
            }
        } catch (RuntimeException e) {
            coordinator.close();
            throw e;
        }
    }

    static InJvmJob start(int n) {
        return start(n, null);
    }

    /** data: how messages go ({@link Config#data()}), null for the transport's default. */
    static InJvmJob start(int n, String data) {
        return start(n, data, Duration.ZERO);
    }

    /** As {@link #start(int, String)}, with JMPI_OP_TIMEOUT set (zero: off). */
    static InJvmJob start(int n, String data, Duration opTimeout) {
        byte[] t = new byte[16];
        new SecureRandom().nextBytes(t);
        return configured(n, Config.builder().port(0).token(HexFormat.of().formatHex(t)).serial(SuiteRunner.SERIAL)
                .waitTime(Duration.ofSeconds(10)).data(data).opTimeout(opTimeout).build());
    }

    /** n ranks of a job configured as base, whose coordinator listens on base's port (0: a free one). */
    static InJvmJob configured(int n, Config base) {
        return new InJvmJob(n, base);
    }

    Coordinator coordinator() {
        return coordinator;
    }

    /** Rank r's session, for a test that drives its ranks itself rather than through {@link #run}. */
    Session session(int r) {
        return sessions.get(r);
    }

    int size() {
        return sessions.size();
    }

    /**
     * Runs body on every rank at once and waits for all. If a rank fails or time runs out, the
     * coordinator is stopped so that the other ranks fail instead of waiting; the first failure is thrown.
     */
    void run(RankBody body) throws Throwable {
        List<Future<?>> futures = new ArrayList<>();
        for (int r = 0; r < sessions.size(); r++) {
            int rank = r;
            futures.add(POOL.submit(() -> {
                try {
                    body.run(rank, sessions.get(rank));
                } catch (Throwable e) {
                    throw new RankFailure(rank, e);
                }
                return null;
            }));
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Throwable failure = null;
        for (Future<?> f : futures) {
            try {
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause();
                    coordinator.close();
                }
            } catch (TimeoutException e) {
                if (failure == null) {
                    failure = new AssertionError("ranks still running after " + TIMEOUT);
                }
                coordinator.close();
            }
        }
        if (failure instanceof RankFailure rf) {
            AssertionError ae = new AssertionError("rank " + rf.rank + " failed: " + rf.getCause(), rf.getCause());
            throw ae;
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Finalizes every rank (collective, so in parallel), then stops the coordinator. */
    @Override
    public void close() {
        List<Future<?>> closing = new ArrayList<>();
        for (Session s : sessions) {
            closing.add(POOL.submit(s::close));
        }
        for (Future<?> f : closing) {
            try {
                f.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                coordinator.close();
            }
        }
        coordinator.close();
    }

    private static final class RankFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final int rank;

        RankFailure(int rank, Throwable cause) {
            super(cause);
            this.rank = rank;
        }
    }
}
