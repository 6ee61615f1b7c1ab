package jmpi.runtime.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jmpi.Config;
import jmpi.MPIException;
import jmpi.runtime.client.ClientSession;
import jmpi.runtime.coordinator.CoordinatorServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two ranks of a job with a token and no port given, in this JVM: rank 0 takes the first free port of
 * the job's sequence, rank 1 finds it there, past another job's coordinator on the first port.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CoordinatorSearchTest {

    private static Config rank(int rank, String token) {
        return Config.builder().rank(rank).size(2).token(token).waitTime(Duration.ofSeconds(30)).build();
    }

    @Test
    void aRankPassesAnotherJobsCoordinatorAndJoinsItsOwn() throws Exception {
        String token = "job-" + System.nanoTime();
        int first = JobPorts.of(token).get(0);
        // another job, with a token of its own, holds this job's first port
        Config other = Config.builder().token("another-" + token).port(first).build();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (CoordinatorServer stranger = CoordinatorServer.start(other, "127.0.0.1", 2)) {
            Future<ClientSession> r1 = pool.submit(() -> RankStart.connect(rank(1, token)));
            Future<ClientSession> r0 = pool.submit(() -> RankStart.connect(rank(0, token)));
            ClientSession s0 = r0.get(1, TimeUnit.MINUTES);
            ClientSession s1 = r1.get(1, TimeUnit.MINUTES);
            Future<List<Integer>> g1 = pool.submit(() -> s1.world().allgather(1));
            assertEquals(List.of(0, 1), s0.world().allgather(0));
            assertEquals(List.of(0, 1), g1.get(1, TimeUnit.MINUTES));
            // finalizing ends with a barrier: both at once
            Future<?> c1 = pool.submit(s1::close);
            s0.close();
            c1.get(1, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPortGivenThatAnotherProgramHoldsIsAClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Config c = Config.builder().rank(0).size(2).token("t").port(taken.getLocalPort()).build();
            MPIException e = assertThrows(MPIException.class, () -> RankStart.connect(c));
            assertTrue(e.getMessage().startsWith("port " + taken.getLocalPort() + " (JMPI_PORT) is taken"),
                    e.getMessage());
        }
    }
}
