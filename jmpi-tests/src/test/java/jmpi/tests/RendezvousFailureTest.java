package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import jmpi.Config;
import jmpi.Coordinator;
import jmpi.ProcessFailedException;
import jmpi.Request;
import jmpi.Session;
import jmpi.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A sender that dies while its large message streams to the receiver: the receive fails with the
 * failed rank named, and the half-filled buffer is never reported as received. The coordinator and
 * ranks 0 and 1 live in this JVM; rank 2, the sender, is a process that halts mid-transfer.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RendezvousFailureTest {
    private static final String TOKEN = "rendezvous-failure-token";
    private static final int MIB = 256;

    @Test
    void aSenderThatDiesMidTransferFailsTheReceive() throws Exception {
        try (Coordinator coordinator = Coordinator.start(Config.builder().port(0).token(TOKEN).build())) {
            int port = coordinator.address().getPort();
            ProcessBuilder pb = new ProcessBuilder(Jobs.rankCommand("jmpi.tests.programs.DiesMidTransfer",
                    Integer.toString(MIB))).redirectErrorStream(true);
            pb.environment().putAll(Map.of("JMPI_ADDR", "127.0.0.1", "JMPI_PORT", Integer.toString(port),
                    "JMPI_TOKEN", TOKEN, "JMPI_RANK", "2", "JMPI_SIZE", "3",
                    // rendezvous is the direct data plane's, where ranks 0 and 1 in this JVM are too
                    "JMPI_DATA", "direct"));
            Process sender = pb.start();
            // threads of the test's own: reading the sender's output blocks, and the common pool may have one thread
            ExecutorService threads = Executors.newFixedThreadPool(3);
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(sender.getInputStream()), threads);
            CompletableFuture<Session> r0 = CompletableFuture.supplyAsync(() -> connect(port, 0), threads);
            Session r1 = connect(port, 1);
            try {
                long[] buf = new long[MIB << 17];
                Request<Status> recv = r1.world().Irecv(buf, 2, 0);
                CompletableFuture<Void> barrier0 = CompletableFuture.runAsync(() -> r0.join().world().barrier(), threads);
                Request<Void> barrier1 = r1.world().ibarrier();
                try {
                    barrier1.toCompletableFuture().get(1, TimeUnit.MINUTES);
                    barrier0.get(1, TimeUnit.MINUTES);
                } catch (java.util.concurrent.TimeoutException e) {
                    sender.destroyForcibly();
                    throw new AssertionError("the barrier with the sender did not complete; rank 0 waits for "
                            + r0.join().waits() + ", rank 1 for " + r1.waits() + "; the sender said:\n"
                            + out.get(1, TimeUnit.MINUTES), e);
                }
                ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                        () -> recv.toCompletableFuture().get(1, TimeUnit.MINUTES));
                ProcessFailedException failed = assertInstanceOf(ProcessFailedException.class, e.getCause());
                assertEquals(2, failed.failedRank(), failed.getMessage());
                assertTrue(sender.waitFor(1, TimeUnit.MINUTES));
                assertEquals(5, sender.exitValue());
                assertTrue(out.get(1, TimeUnit.MINUTES).contains("rank 2: leaving mid-transfer"), out.join());
                // the survivors go on: a message between them still flows
                r0.join().world().send("still here", 1, 1);
                assertEquals("still here", r1.world().recv(0, 1));
            } finally {
                Jobs.kill(sender);
                r1.close();
                r0.join().close();
                threads.shutdownNow();
            }
        }
    }

    private static Session connect(int port, int rank) {
        return Session.connect(Config.builder().rank(rank).size(3).addr("127.0.0.1").port(port).token(TOKEN)
                .waitTime(Duration.ofSeconds(30)).build());
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
