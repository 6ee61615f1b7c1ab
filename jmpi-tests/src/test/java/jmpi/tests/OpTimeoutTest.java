package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jmpi.Comm;
import jmpi.Config;
import jmpi.Coordinator;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** JMPI_OP_TIMEOUT: what waits unmatched that long fails with ERR_TIMEOUT, saying what the missing ranks do. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class OpTimeoutTest {

    @Test
    void theOptionReadsAsADurationAndIsOffByDefault() {
        assertTrue(Config.builder().build().opTimeout().isZero());
        assertEquals(Duration.ofMillis(1500), Config.builder().opTimeout(Duration.ofMillis(1500)).build().opTimeout());
        MPIException e = assertThrows(MPIException.class, () -> Config.builder().opTimeout(Duration.ofSeconds(-1)));
        assertEquals(MPI.ERR_ARG, e.errorClass());
    }

    @Test
    void aCollectiveAndAReceiveUnmatchedFailOnTheirWaitersNamingWhatTheOthersDo() throws Exception {
        Config base = Config.builder().port(0).token("op-timeout-test").data(Config.DATA_COORDINATOR)
                .opTimeout(Duration.ofMillis(300)).waitTime(Duration.ofSeconds(10)).build();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Session> sessions = new ArrayList<>();
        try (Coordinator coordinator = Coordinator.start(base)) {
            for (int r = 0; r < 3; r++) {
                sessions.add(Session.connect(base.toBuilder().rank(r).size(3).addr("127.0.0.1")
                        .port(coordinator.address().getPort()).build()));
            }
            Comm w0 = sessions.get(0).world();
            Comm w1 = sessions.get(1).world();
            Comm w2 = sessions.get(2).world();
            Future<MPIException> barrier0 = pool.submit(() -> assertThrows(MPIException.class, w0::barrier));
            Future<MPIException> barrier2 = pool.submit(() -> assertThrows(MPIException.class, w2::barrier));
            Future<MPIException> recv1 = pool.submit(() -> assertThrows(MPIException.class, () -> w1.recv(2, 7)));
            for (Future<MPIException> f : List.of(barrier0, barrier2)) {
                MPIException e = f.get(1, TimeUnit.MINUTES);
                assertEquals(MPI.ERR_TIMEOUT, e.errorClass(), e.getMessage());
                assertTrue(e.getMessage().startsWith("barrier #1 on communicator 0 unmatched for"), e.getMessage());
                assertTrue(e.getMessage().contains("JMPI_OP_TIMEOUT 300 ms"), e.getMessage());
                assertTrue(e.getMessage().contains("missing rank 1 (waits in recv(source 2, tag 7) on communicator 0 (MPI_COMM_WORLD) for"),
                        e.getMessage());
            }
            MPIException e = recv1.get(1, TimeUnit.MINUTES);
            assertEquals(MPI.ERR_TIMEOUT, e.errorClass(), e.getMessage());
            assertTrue(e.getMessage().startsWith("recv(source 2, tag 7) on communicator 0 unmatched for"), e.getMessage());
            assertTrue(e.getMessage().contains("no message came from rank 2 ("), e.getMessage());
            assertTrue(e.getMessage().contains("barrier #1"), "what rank 2 did: " + e.getMessage());
            // the ranks go on: point-to-point still matches
            Future<Object> later = pool.submit(() -> w1.recv(0, 8));
            w0.send("after", 1, 8);
            assertEquals("after", later.get(1, TimeUnit.MINUTES));
        } finally {
            for (Session s : sessions) {
                pool.submit(s::close);
            }
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }
}
