package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import jmpi.Comm;
import jmpi.Config;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Request;
import jmpi.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * Revoke on the direct data plane: every kind of operation pending on the communicator fails with
 * ERR_REVOKED (receives, persistent ones, synchronous and large sends that wait for their receive,
 * blocking and matched probes), and so does every later one, an iprobe loop's next iprobe too.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RevokePendingTest {

    /** Waits until the rank's own waits show line: the operation has been posted. */
    private static void awaitWait(Session s, String line) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (s.waits().stream().noneMatch(w -> w.startsWith(line))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never waited in " + line + ": " + s.waits());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private static void assertRevoked(String what, Executable op) {
        MPIException e = assertThrows(MPIException.class, op, what);
        assertEquals(MPI.ERR_REVOKED, e.errorClass(), what + ": " + e.getMessage());
    }

    @Test
    void everyPendingAndLaterOperationFailsWithErrRevoked() throws Throwable {
        ExecutorService threads = Executors.newCachedThreadPool();
        // Not a barrier: a rank may leave a barrier and revoke before another has left it.
        CountDownLatch allPosted = new CountDownLatch(2);
        try (InJvmJob job = InJvmJob.start(3, Config.DATA_DIRECT)) {
            job.run((rank, s) -> {
                Comm c = s.world();
                if (rank == 0) {
                    Map<String, Request<?>> pending = new LinkedHashMap<>();
                    pending.put("irecv", c.irecv(1, 1));
                    var persistent = c.Recv_init(new int[4], 1, 2);
                    persistent.start();
                    pending.put("persistent Recv", persistent);
                    pending.put("issend", c.issend("unreceived", 1, 3));
                    pending.put("large Isend", c.Isend(new byte[1 << 20], 1, 4));
                    List<Future<?>> blocking = new ArrayList<>();
                    blocking.add(threads.submit(() -> c.probe(1, 5)));
                    blocking.add(threads.submit(() -> c.mprobe(1, 6)));
                    awaitWait(s, "probe(source 1, tag 5)");
                    awaitWait(s, "recv(source 1, tag 6)");
                    awaitWait(s, "ssend to rank 1, tag 3");
                    awaitWait(s, "send to rank 1, tag 4");
                    CompletableFuture<MPIException> iprobing = CompletableFuture.supplyAsync(() -> {
                        while (true) {
                            try {
                                c.iprobe(1, 7);
                            } catch (MPIException e) {
                                return e;
                            }
                        }
                    }, threads);
                    allPosted.countDown(); // all is posted: rank 2 revokes
                    for (Map.Entry<String, Request<?>> p : pending.entrySet()) {
                        assertRevoked("pending " + p.getKey(), p.getValue()::waitFor);
                    }
                    for (Future<?> f : blocking) {
                        assertRevoked("pending probe", () -> {
                            try {
                                f.get(1, TimeUnit.MINUTES);
                            } catch (java.util.concurrent.ExecutionException e) {
                                throw e.getCause();
                            }
                        });
                    }
                    assertEquals(MPI.ERR_REVOKED, iprobing.get(1, TimeUnit.MINUTES).errorClass());
                    assertRevoked("a later recv", () -> c.recv(1, 1));
                    assertRevoked("a later persistent start", persistent::start);
                    assertRevoked("a later send", () -> c.send("later", 1, 8));
                    assertTrue(s.waits().isEmpty(), "nothing waits on: " + s.waits());
                } else if (rank == 1) {
                    Request<Object> never = c.irecv(0, 9);
                    allPosted.countDown();
                    assertRevoked("rank 1's pending irecv", never::waitFor);
                } else {
                    assertTrue(allPosted.await(1, TimeUnit.MINUTES), "ranks 0 and 1 posted");
                    c.Revoke();
                }
            });
        } finally {
            threads.shutdownNow();
        }
    }
}
