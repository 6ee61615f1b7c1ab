package jmpi.runtime.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jmpi.Config;
import jmpi.Coordinator;
import jmpi.MPI;
import jmpi.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Finalize leaves no thread of jmpi running, so a rank's JVM exits as soon as main returns (the JVM's
 * exit waits for threads inside native calls, such as an idle event loop); a later session starts anew.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SessionThreadsTest {

    private static List<Thread> jmpiThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("jmpi-")).toList();
    }

    private static void assertNoJmpiThreadLeft() throws InterruptedException {
        for (Thread t : jmpiThreads()) {
            t.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(t.isAlive(), t.getName() + " still runs after finalize");
        }
    }

    /** Rank 0 of one, which hosts the coordinator: a connection, an operation, finalize. */
    private static void oneRankJob(String connectionThread) throws InterruptedException {
        Session s = Session.connect(Config.builder().port(0).token("t").rank(0).size(1).build());
        assertTrue(jmpiThreads().stream().anyMatch(t -> t.getName().startsWith(connectionThread)),
                () -> "no " + connectionThread + " thread among " + jmpiThreads());
        assertEquals(5, (int) s.world().allreduce(5, MPI.SUM));
        s.close();
        assertNoJmpiThreadLeft();
    }

    @Test
    void finalizeStopsEveryThreadAndTheNextSessionWorks() throws Exception {
        for (int round = 0; round < 2; round++) {
            oneRankJob("jmpi-progress");
        }
    }

    @Test
    void finalizeStopsTheEventLoopOfAConnectionThroughNetty() throws Exception {
        System.setProperty("jmpi.nettyClient", "true");
        try {
            for (int round = 0; round < 2; round++) {
                oneRankJob("jmpi-client");
            }
        } finally {
            System.clearProperty("jmpi.nettyClient");
        }
    }

    @Test
    void theLoopStaysWhileAnotherSessionOfTheProcessIsOpen() throws Exception {
        Config base = Config.builder().port(0).token("t").build();
        try (Coordinator c = Coordinator.start(base)) {
            Config rank = base.toBuilder().addr("127.0.0.1").port(c.address().getPort()).size(2).build();
            Session r0 = Session.connect(rank.toBuilder().rank(0).build());
            Session r1 = Session.connect(rank.toBuilder().rank(1).build());
            CompletableFuture<Void> closing = CompletableFuture.runAsync(r1::close, task -> new Thread(task).start());
            r0.close();
            closing.join();
            // both left; a new job on the same coordinator connects through a new loop
            Session again0 = Session.connect(rank.toBuilder().rank(0).build());
            Session again1 = Session.connect(rank.toBuilder().rank(1).build());
            CompletableFuture<Integer> other = CompletableFuture.supplyAsync(() -> again1.world().allreduce(2, MPI.SUM),
                    task -> new Thread(task).start());
            assertEquals(3, (int) again0.world().allreduce(1, MPI.SUM));
            assertEquals(3, (int) other.join());
            // a session that is closing keeps the loop for the other, which still works
            again1.world().send("still here", 0, 7);
            CompletableFuture<Void> first = CompletableFuture.runAsync(again1::close, task -> new Thread(task).start());
            assertEquals("still here", again0.world().recv(1, 7));
            again0.close();
            first.join();
        }
    }
}
