package jmpi.runtime.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jmpi.Config;
import jmpi.Coordinator;
import jmpi.MPIException;
import jmpi.ProcessFailedException;
import jmpi.Request;
import jmpi.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Over plain TCP a rank's threads read and write the socket themselves: whichever thread waits reads
 * for all, a progress thread reads when nobody waits, and no thread's interruption breaks the link.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CallerDrivenTest {
    private Coordinator coordinator;
    private Session r0;
    private Session r1;

    @BeforeEach
    void start() {
        // messages through the coordinator: the link under test carries them and its callers read them
        Config base = Config.builder().port(0).token("t").waitTime(Duration.ofSeconds(10))
                .data(Config.DATA_COORDINATOR).build();
        coordinator = Coordinator.start(base);
        Config rank = base.toBuilder().addr("127.0.0.1").port(coordinator.address().getPort()).size(2).build();
        r0 = Session.connect(rank.toBuilder().rank(0).build());
        r1 = Session.connect(rank.toBuilder().rank(1).build());
    }

    @AfterEach
    void stop() {
        CompletableFuture<Void> closing = CompletableFuture.runAsync(r1::close, task -> new Thread(task).start());
        r0.close();
        closing.join();
        coordinator.close();
    }

    @Test
    void manyThreadsOfOneRankWaitAtOnceAndEachGetsItsOwnReply() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> got = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int tag = t;
                got.add(pool.submit(() -> r1.world().<String>recv(0, tag)));
            }
            // last tag first: the thread reading the socket routes replies meant for the others
            for (int t = threads - 1; t >= 0; t--) {
                r0.world().send("message " + t, 1, t);
            }
            for (int t = 0; t < threads; t++) {
                assertEquals("message " + t, got.get(t).get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void requestsNobodyWaitsForInACallStillComplete() throws Exception {
        Request<String> viaWaitAny = r1.world().irecv(0, 1);
        Request<String> viaFuture = r1.world().irecv(0, 2);
        r0.world().send("one", 1, 1);
        r0.world().send("two", 1, 2);
        // neither wait reads the socket itself: the connection's progress thread does
        assertEquals(0, Request.waitAny(List.of(viaWaitAny)));
        assertEquals("two", viaFuture.toCompletableFuture().get(60, TimeUnit.SECONDS));
        assertEquals("one", viaWaitAny.waitFor());
    }

    @Test
    void aCallbackThatBlocksHoldsUpNoReading() throws Exception {
        CountDownLatch later = new CountDownLatch(1);
        Request<String> first = r1.world().irecv(0, 3);
        CompletableFuture<Void> chained = first.toCompletableFuture().thenRun(() -> {
            try {
                // were it run by the thread that read the reply, the receive below could never happen
                assertTrue(later.await(60, TimeUnit.SECONDS), "the callback held up the connection");
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        r0.world().send("one", 1, 3);
        r0.world().send("two", 1, 4);
        assertEquals("one", first.waitFor());
        assertEquals("two", r1.world().<String>recv(0, 4));
        later.countDown();
        chained.get(60, TimeUnit.SECONDS);
    }

    @Test
    void anInterruptedCallerFailsAloneAndTheConnectionKeepsWorking() throws Exception {
        Thread.currentThread().interrupt();
        try {
            MPIException e = assertThrows(MPIException.class, () -> r0.world().recv(1, 5));
            assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
        } finally {
            Thread.interrupted();
        }
        // the receive that was interrupted still stands, as in MPI: it takes the first message
        r1.world().send("first", 0, 5);
        r1.world().send("second", 0, 5);
        assertEquals("second", r0.world().<String>recv(1, 5));
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> r1.world().barrier(), task -> new Thread(task).start());
        r0.world().barrier();
        other.get(60, TimeUnit.SECONDS);
    }

    @Test
    void aCallerInterruptedWhileItReadsTheSocketStopsWaiting() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                r0.world().recv(1, 6);
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        // wait until the receiving thread is the one reading the socket: nothing answers its receive, so it
        // reads until interrupted
        CompletableFuture<Void> reading = new CompletableFuture<>();
        SocketReaders.readerStarted = t -> {
            if (t == reader) {
                reading.complete(null);
            }
        };
        try {
            reader.start();
            reading.get(60, TimeUnit.SECONDS);
        } finally {
            SocketReaders.readerStarted = null;
        }
        reader.interrupt();
        Throwable e = outcome.get(60, TimeUnit.SECONDS);
        assertTrue(e instanceof MPIException && e.getMessage().contains("interrupted"), String.valueOf(e));
        // the receive still stands and takes the first message; the connection serves the next call
        r1.world().send("first", 0, 6);
        r1.world().send("second", 0, 6);
        assertEquals("second", r0.world().<String>recv(1, 6));
    }

    @Test
    void aCoordinatorThatAnswersWithNoFrameFailsTheConnectClearly() throws Exception {
        try (ServerSocket fake = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (Socket s = fake.accept()) {
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    in.readFully(new byte[in.readInt()]);
                    // a length no frame may have
                    new DataOutputStream(s.getOutputStream()).writeInt(Integer.MAX_VALUE);
                    s.getInputStream().read();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, task -> new Thread(task).start());
            Config c = Config.builder().token("t").addr("127.0.0.1").port(fake.getLocalPort()).rank(0).size(1)
                    .waitTime(Duration.ofSeconds(10)).build();
            ProcessFailedException e = assertThrows(ProcessFailedException.class, () -> Session.connect(c));
            assertTrue(e.getMessage().contains("frame of " + Integer.MAX_VALUE + " bytes"), e.getMessage());
            served.get(60, TimeUnit.SECONDS);
        }
    }
}
