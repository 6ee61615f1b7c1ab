package jmpi.runtime.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import jmpi.Config;
import jmpi.Coordinator;
import jmpi.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With -Djmpi.jmx=true every rank shows its counters as an MBean while it runs, and only then: the
 * messages it sent on its links are the data plane's own count, and a rank that finalized is gone.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RankCountersTest {
    private static final int N = 3;
    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

    /** Connects N ranks in this JVM, runs body with their sessions, and finalizes them all. */
    private static void job(String data, SessionsBody body) throws Exception {
        Config base = Config.builder().port(0).token("rank-counters").waitTime(Duration.ofSeconds(30)).data(data)
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(N);
        try (Coordinator coordinator = Coordinator.start(base)) {
            Config ranks = base.toBuilder().addr("127.0.0.1").port(coordinator.address().getPort()).size(N).build();
            List<ClientSession> sessions = new ArrayList<>();
            for (int r = 0; r < N; r++) {
                sessions.add((ClientSession) Session.connect(ranks.toBuilder().rank(r).build()));
            }
            body.run(sessions, pool);
        } finally {
            pool.shutdownNow();
        }
    }

    private interface SessionsBody {
        void run(List<ClientSession> sessions, ExecutorService pool) throws Exception;
    }

    private static void onEveryRank(List<ClientSession> sessions, ExecutorService pool, SessionWork work)
            throws Exception {
        List<Future<?>> running = new ArrayList<>();
        for (ClientSession s : sessions) {
            running.add(pool.submit(() -> {
                work.run(s);
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get(1, TimeUnit.MINUTES);
        }
    }

    private interface SessionWork {
        void run(ClientSession s);
    }

    private static Set<ObjectName> registered() throws Exception {
        return JMX.queryNames(new ObjectName("jmpi:type=Rank,*"), null);
    }

    @Test
    void everyRankShowsTheMessagesItSentUntilItFinalizes() throws Exception {
        System.setProperty(RankCounters.PROPERTY, "true");
        try {
            job("direct", (sessions, pool) -> {
                onEveryRank(sessions, pool, s -> s.world().barrier());
                Set<ObjectName> names = registered();
                Set<Integer> ranks = new TreeSet<>();
                for (ObjectName n : names) {
                    int rank = (Integer) JMX.getAttribute(n, "Rank");
                    ranks.add(rank);
                    assertEquals(rank, Integer.parseInt(n.getKeyProperty("rank")), n.toString());
                    assertEquals(N, JMX.getAttribute(n, "Size"));
                    long sent = (Long) JMX.getAttribute(n, "MessagesSent");
                    assertEquals(sessions.get(rank).data().messagesSent(), sent, n.toString());
                    // a dissemination barrier of 3 ranks: 2 rounds, one message each
                    assertTrue(sent >= 2, n + " sent " + sent);
                }
                assertEquals(Set.of(0, 1, 2), ranks, names.toString());
                onEveryRank(sessions, pool, ClientSession::close);
                assertEquals(Set.of(), registered());
            });
        } finally {
            System.clearProperty(RankCounters.PROPERTY);
        }
    }

    @Test
    void aRankWhoseMessagesGoThroughTheCoordinatorSentNoneOnLinks() throws Exception {
        System.setProperty(RankCounters.PROPERTY, "true");
        try {
            job("coordinator", (sessions, pool) -> {
                onEveryRank(sessions, pool, s -> s.world().barrier());
                assertEquals(N, registered().size());
                for (ObjectName n : registered()) {
                    assertEquals(0L, JMX.getAttribute(n, "MessagesSent"), n.toString());
                }
                onEveryRank(sessions, pool, ClientSession::close);
            });
        } finally {
            System.clearProperty(RankCounters.PROPERTY);
        }
    }

    @Test
    void withoutThePropertyNoRankRegisters() throws Exception {
        job("direct", (sessions, pool) -> {
            onEveryRank(sessions, pool, s -> s.world().barrier());
            assertEquals(Set.of(), registered());
            onEveryRank(sessions, pool, ClientSession::close);
        });
    }
}
