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
import java.util.concurrent.locks.LockSupport;
import jmpi.Comm;
import jmpi.Config;
import jmpi.MPI;
import jmpi.MPIException;
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
        try (InJvmJob job = InJvmJob.configured(3, base)) {
            Comm w0 = job.session(0).world();
            Comm w1 = job.session(1).world();
            Comm w2 = job.session(2).world();
            Future<MPIException> barrier0 = pool.submit(() -> assertThrows(MPIException.class, w0::barrier));
            Future<MPIException> barrier2 = pool.submit(() -> assertThrows(MPIException.class, w2::barrier));
            Future<MPIException> recv1 = pool.submit(() -> assertThrows(MPIException.class, () -> w1.recv(2, 7)));
            for (Future<MPIException> f : List.of(barrier0, barrier2)) {
                MPIException e = f.get(1, TimeUnit.MINUTES);
                assertEquals(MPI.ERR_TIMEOUT, e.errorClass(), e.getMessage());
                assertTrue(e.getMessage().startsWith("barrier #1 on communicator 0 (MPI_COMM_WORLD) unmatched for"), e.getMessage());
                assertTrue(e.getMessage().contains("JMPI_OP_TIMEOUT 300 ms"), e.getMessage());
                assertTrue(e.getMessage().contains(
                        "missing rank 1 (waits in recv(source 2, tag 7) on communicator 0 (MPI_COMM_WORLD) for"),
                        e.getMessage());
            }
            MPIException e = recv1.get(1, TimeUnit.MINUTES);
            assertEquals(MPI.ERR_TIMEOUT, e.errorClass(), e.getMessage());
            assertTrue(e.getMessage().startsWith("recv(source 2, tag 7) on communicator 0 (MPI_COMM_WORLD) unmatched for"), e.getMessage());
            assertTrue(e.getMessage().contains("no message came from rank 2 ("), e.getMessage());
            assertTrue(e.getMessage().contains("barrier #1"), "what rank 2 did: " + e.getMessage());
            // the ranks go on: point-to-point still matches
            Future<Object> later = pool.submit(() -> w1.recv(0, 8));
            w0.send("after", 1, 8);
            assertEquals("after", later.get(1, TimeUnit.MINUTES));
            // an ssend that no receive matches fails, and is gone from its receiver's mailbox
            Future<MPIException> recv12 = pool.submit(() -> assertThrows(MPIException.class, () -> w1.recv(2, 11)));
            // the receive waits first, so that the ssend is there when the receive times out
            String waiting = "rank 1: waits in recv(source 2, tag 11)";
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (!job.coordinator().rollCall().contains(waiting)) {
                assertTrue(System.nanoTime() < deadline, "never " + waiting + ": " + job.coordinator().rollCall());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            MPIException ssend = assertThrows(MPIException.class, () -> w2.ssend("unreceived", 1, 6));
            assertEquals(MPI.ERR_TIMEOUT, ssend.errorClass(), ssend.getMessage());
            assertTrue(ssend.getMessage().startsWith(
                    "ssend to rank 1, tag 6 on communicator 0 (MPI_COMM_WORLD) unmatched for "), ssend.getMessage());
            assertTrue(ssend.getMessage().contains("no matching receive was posted by rank 1 ("), ssend.getMessage());
            assertTrue(ssend.getMessage().contains("recv(source 2, tag 11)"), "what rank 1 does or did: "
                    + ssend.getMessage());
            MPIException r = recv12.get(1, TimeUnit.MINUTES);
            assertTrue(r.getMessage().contains("no message came from rank 2 (waits in ssend to rank 1, tag 6 on communicator 0"),
                    r.getMessage());
            assertTrue(w1.iprobe(2, 6).isEmpty(), "the timed out ssend is gone");
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs op twice, as a rank that times out and tries again; returns the two failures. */
    private static List<MPIException> twice(Runnable op) {
        List<MPIException> failures = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            failures.add(assertThrows(MPIException.class, op::run));
        }
        return failures;
    }

    @Test
    void onTheDirectPlaneARecvAndABarrierThatWaitForEachOtherBothFailNamingWhatTheOtherDoes() throws Exception {
        Config base = Config.builder().port(0).token("op-timeout-direct").data(Config.DATA_DIRECT)
                .opTimeout(Duration.ofMillis(500)).waitTime(Duration.ofSeconds(10)).build();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (InJvmJob job = InJvmJob.configured(2, base)) {
            Comm w0 = job.session(0).world();
            Comm w1 = job.session(1).world();
            // each tries twice: while one fails, the other still waits, and is seen waiting
            Future<List<MPIException>> recv0 = pool.submit(() -> twice(() -> w0.recv(1, 5)));
            Future<List<MPIException>> barrier1 = pool.submit(() -> twice(w1::barrier));
            List<MPIException> recvs = recv0.get(1, TimeUnit.MINUTES);
            List<MPIException> barriers = barrier1.get(1, TimeUnit.MINUTES);
            for (MPIException e : recvs) {
                assertEquals(MPI.ERR_TIMEOUT, e.errorClass(), e.getMessage());
                assertTrue(e.getMessage().startsWith("recv(source 1, tag 5) on communicator 0 (MPI_COMM_WORLD) unmatched for"),
                        e.getMessage());
                assertTrue(e.getMessage().contains("(JMPI_OP_TIMEOUT 500 ms)"), e.getMessage());
            }
            for (MPIException e : barriers) {
                assertEquals(MPI.ERR_TIMEOUT, e.errorClass(), e.getMessage());
                assertTrue(e.getMessage().matches("barrier #\\d on communicator 0 \\(MPI_COMM_WORLD\\), missing rank 0 unmatched for .*"),
                        e.getMessage());
            }
            assertTrue(recvs.get(0).getMessage().contains("no message came from rank 1 (waits in barrier #"),
                    recvs.get(0).getMessage());
            assertTrue(barriers.get(0).getMessage().contains(
                    "no message came from rank 0 (waits in recv(source 1, tag 5) on communicator 0"),
                    barriers.get(0).getMessage());
            // the receives were taken back: a later message goes to a later receive
            Future<Object> later = pool.submit(() -> w0.recv(1, 5));
            w1.send("after", 0, 5);
            assertEquals("after", later.get(1, TimeUnit.MINUTES));
            assertTrue(job.session(0).waits().isEmpty(), job.session(0).waits().toString());
            assertTrue(job.session(1).waits().isEmpty(), job.session(1).waits().toString());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits in recv(source, tag) until a message comes, each timeout tried again; returns the message. */
    private static Object recvThroughTimeouts(Comm c, int source, int tag) {
        while (true) {
            try {
                return c.recv(source, tag);
            } catch (MPIException e) {
                assertEquals(MPI.ERR_TIMEOUT, e.errorClass(), e.getMessage());
            }
        }
    }

    @Test
    void onTheDirectPlaneAnSsendAndALargeSendThatNoReceiveMatchesFailAndAreTakenBack() throws Exception {
        Config base = Config.builder().port(0).token("op-timeout-sends").data(Config.DATA_DIRECT).eager(1024)
                .opTimeout(Duration.ofMillis(500)).waitTime(Duration.ofSeconds(10)).build();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (InJvmJob job = InJvmJob.configured(2, base)) {
            Comm w0 = job.session(0).world();
            Comm w1 = job.session(1).world();
            // rank 1 waits for tag 9 only, so nothing receives rank 0's tags 5 and 6
            Future<Object> stop = pool.submit(() -> recvThroughTimeouts(w1, 0, 9));
            MPIException ssend = assertThrows(MPIException.class, () -> w0.ssend("first", 1, 5));
            MPIException large = assertThrows(MPIException.class, () -> w0.Send(new byte[5000], 1, 6));
            for (MPIException e : List.of(ssend, large)) {
                assertEquals(MPI.ERR_TIMEOUT, e.errorClass(), e.getMessage());
                assertTrue(e.getMessage().contains(" on communicator 0 (MPI_COMM_WORLD) unmatched for "), e.getMessage());
                assertTrue(e.getMessage().contains("(JMPI_OP_TIMEOUT 500 ms): no matching receive was posted by rank 1 ("),
                        e.getMessage());
                assertTrue(e.getMessage().contains("recv(source 0, tag 9) on communicator 0 (MPI_COMM_WORLD)"),
                        "what rank 1 does: " + e.getMessage());
            }
            assertTrue(ssend.getMessage().startsWith("ssend to rank 1, tag 5 on communicator 0"), ssend.getMessage());
            assertTrue(large.getMessage().startsWith("send to rank 1, tag 6, 5000 bytes, on communicator 0"),
                    large.getMessage());
            w0.send("stop", 1, 9);
            assertEquals("stop", stop.get(1, TimeUnit.MINUTES));
            // both were taken back: a later receive gets the next message, never the withdrawn one
            assertTrue(w1.iprobe(0, 5).isEmpty() && w1.iprobe(0, 6).isEmpty());
            Future<Object> five = pool.submit(() -> w1.recv(0, 5));
            Future<byte[]> six = pool.submit(() -> {
                byte[] b = new byte[5000];
                w1.Recv(b, 0, 6);
                return b;
            });
            w0.ssend("second", 1, 5);
            byte[] next = new byte[5000];
            next[4999] = 7;
            w0.Send(next, 1, 6);
            assertEquals("second", five.get(1, TimeUnit.MINUTES));
            assertEquals(7, six.get(1, TimeUnit.MINUTES)[4999]);
            assertTrue(job.session(0).waits().isEmpty(), job.session(0).waits().toString());
            assertTrue(job.session(1).waits().isEmpty(), job.session(1).waits().toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anSsendWhoseReceiveComesAsItTimesOutIsEitherDeliveredOrTimedOutOnBothSides() throws Exception {
        Config base = Config.builder().port(0).token("op-timeout-race").data(Config.DATA_DIRECT)
                .opTimeout(Duration.ofMillis(100)).waitTime(Duration.ofSeconds(10)).build();
        int rounds = 20;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (InJvmJob job = InJvmJob.configured(2, base)) {
            Comm w0 = job.session(0).world();
            Comm w1 = job.session(1).world();
            // rank 1 posts each receive as a wait of its own times out, at about the moment rank 0's ssend does
            Future<List<Integer>> received = pool.submit(() -> {
                List<Integer> got = new ArrayList<>();
                while (true) {
                    MPIException e = assertThrows(MPIException.class, () -> w1.recv(0, 99));
                    assertEquals(MPI.ERR_TIMEOUT, e.errorClass(), e.getMessage());
                    int value = (Integer) recvThroughTimeouts(w1, 0, 5);
                    if (value < 0) {
                        return got;
                    }
                    got.add(value);
                }
            });
            List<Integer> delivered = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                try {
                    w0.ssend(i, 1, 5);
                    delivered.add(i);
                } catch (MPIException e) {
                    assertEquals(MPI.ERR_TIMEOUT, e.errorClass(), e.getMessage());
                }
            }
            w0.send(-1, 1, 5);
            assertEquals(delivered, received.get(1, TimeUnit.MINUTES), "what rank 1 received is what rank 0 saw delivered");
        } finally {
            pool.shutdownNow();
        }
    }

    /** The lines a job printed for one rank's attempt. */
    private static String attempt(String out, int rank, int attempt) {
        String mark = "rank " + rank + " attempt " + attempt + ": ";
        return out.lines().filter(l -> l.contains(mark)).findFirst().orElse("(no line " + mark + ")");
    }

    private static String runTimingOut(String... args) throws Exception {
        ProcessBuilder pb = Jobs.jmpirun(2, Jobs.rankCommand("jmpi.tests.programs.TimingOut", args));
        pb.environment().put("JMPI_OP_TIMEOUT", "1s");
        Jobs.Result r = Jobs.run(pb, Duration.ofMinutes(1));
        assertEquals(0, r.exitCode(), r.out());
        for (int rank = 0; rank < 2; rank++) {
            for (int a = 1; a <= 2; a++) {
                assertTrue(attempt(r.out(), rank, a).contains(": ERR_TIMEOUT: "), r.out());
            }
        }
        return r.out();
    }

    @Test
    void underJmpirunOnTheDirectPlaneARecvAndABarrierTimeOutNamingEachOther() throws Exception {
        String out = runTimingOut("barrier");
        String recv = attempt(out, 0, 1);
        assertTrue(recv.contains("recv(source 1, tag 5) on communicator 0 (MPI_COMM_WORLD) unmatched for"), out);
        assertTrue(recv.contains("(JMPI_OP_TIMEOUT 1000 ms)"), out);
        assertTrue(recv.contains("no message came from rank 1 (waits in barrier #"), out);
        String barrier = attempt(out, 1, 1);
        assertTrue(barrier.contains("barrier #2 on communicator 0 (MPI_COMM_WORLD), missing rank 0 unmatched for"), out);
        assertTrue(barrier.contains("no message came from rank 0 (waits in recv(source 1, tag 5) on communicator 0"),
                out);
    }

    @Test
    void underJmpirunOnTheDirectPlaneARecvAndABcastTimeOutNamingEachOther() throws Exception {
        String out = runTimingOut("bcast");
        assertTrue(attempt(out, 0, 1).contains("no message came from rank 1 (waits in bcast #"), out);
        String bcast = attempt(out, 1, 1);
        assertTrue(bcast.contains("bcast #2 on communicator 0 (MPI_COMM_WORLD), missing rank 0 unmatched for"), out);
        assertTrue(bcast.contains("no message came from rank 0 (waits in recv(source 1, tag 5) on communicator 0"),
                out);
    }

    @Test
    void underJmpirunAnSsendAndALargeSendUnreceivedTimeOutNamingWhatTheReceiverDoes() throws Exception {
        for (String send : List.of("ssend", "send-large")) {
            String out = runTimingOut("barrier", send);
            String sender = attempt(out, 0, 1);
            assertTrue(sender.contains((send.equals("ssend") ? "ssend to rank 1, tag 5" : "send to rank 1, tag 5, 1048576 bytes,")
                    + " on communicator 0 (MPI_COMM_WORLD) unmatched for"), out);
            assertTrue(sender.contains("(JMPI_OP_TIMEOUT 1000 ms): no matching receive was posted by rank 1 (waits in barrier #"),
                    out);
            String barrier = attempt(out, 1, 1);
            assertTrue(barrier.contains("no message came from rank 0 (waits in "
                    + (send.equals("ssend") ? "ssend" : "send") + " to rank 1, tag 5"), out);
        }
    }
}
