package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import jmpi.Config;
import jmpi.Coordinator;
import jmpi.ProcessFailedException;
import jmpi.Request;
import jmpi.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A rank that dies while large data streams between it and the others: what waits for it fails with
 * the failed rank named, nothing hangs, and a half-filled buffer is never reported as received. The
 * coordinator and ranks 0 and 1 live in this JVM; rank 2 is a process that halts mid-transfer: as it
 * sends a rendezvous message to rank 1, as soon as its streamed Alltoall with both has started (they
 * may have all of its block by then, and then must have every element), or before it sends anything
 * while theirs stream between them.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MidTransferFailureTest {
    private static final String TOKEN = "mid-transfer-failure-token";
    /** Alltoall blocks of 8 MiB: 24 MiB a rank, streamed in 1 MiB chunks. */
    private static final int BLOCK_MIB = 8;
    private static final int BLOCK = BLOCK_MIB << 17;

    @Test
    void aSenderThatDiesMidTransferFailsTheReceive() throws Exception {
        int mib = 256;
        withADyingRank("send", mib, true, ranks -> {
            long[] buf = new long[mib << 17];
            return List.of(ranks.get(1).world().Irecv(buf, 2, 0).toCompletableFuture().thenRun(() -> {
                throw new AssertionError("the receive from rank 2 completed");
            }));
        });
    }

    @Test
    void aRankThatDiesDuringAnAlltoallFailsItOnEveryOtherRank() throws Exception {
        withADyingRank("nothing", BLOCK_MIB, false, ranks -> alltoalls(ranks, true));
    }

    @Test
    void aRankThatDiesAsItsAlltoallStreamsLeavesNoRankWithAHalfFilledBuffer() throws Exception {
        withADyingRank("alltoall", BLOCK_MIB, false, ranks -> alltoalls(ranks, false));
    }

    /**
     * Ranks 0 and 1 start their Alltoall with rank 2 and wait: each fails naming rank 2, or, where rank 2
     * may have sent all of its block before it died and mustFail is false, ends with every element in
     * place (rank 2 sends 7s).
     */
    private static List<CompletableFuture<?>> alltoalls(List<Session> ranks, boolean mustFail) {
        List<long[]> received = new ArrayList<>();
        List<Request<?>> started = new ArrayList<>();
        for (Session s : ranks) {
            int r = s.world().rank();
            long[] send = new long[3 * BLOCK];
            Arrays.fill(send, 0, BLOCK, r * 10L);
            Arrays.fill(send, BLOCK, 2 * BLOCK, r * 10L + 1);
            Arrays.fill(send, 2 * BLOCK, 3 * BLOCK, r * 10L + 2);
            long[] recv = new long[3 * BLOCK];
            received.add(recv);
            started.add(s.world().Ialltoall(send, recv));
        }
        List<CompletableFuture<?>> checked = new ArrayList<>();
        for (int r = 0; r < started.size(); r++) {
            int rank = r;
            checked.add(started.get(r).toCompletableFuture().thenRun(() -> {
                if (mustFail) {
                    throw new AssertionError("rank " + rank + "'s Alltoall completed without rank 2");
                }
                long[] got = received.get(rank);
                for (int i = 0; i < 3 * BLOCK; i++) {
                    long want = i / BLOCK == 2 ? 7 : (i / BLOCK) * 10L + rank;
                    if (got[i] != want) {
                        throw new AssertionError("rank " + rank + "'s Alltoall completed with element " + i
                                + " = " + got[i] + ", not " + want);
                    }
                }
            }));
        }
        return checked;
    }

    /**
     * Starts rank 2 as a process that moves MIB MiB in mode and halts, barriers with it, and starts the
     * operations of ranks 0 and 1 that start gives, before the barrier or after it, whose outcomes must
     * each fail naming rank 2 unless they check what they got themselves, and checks that ranks 0 and 1
     * go on.
     */
    private static void withADyingRank(String mode, int mib, boolean beforeBarrier,
            Function<List<Session>, List<CompletableFuture<?>>> start) throws Exception {
        try (Coordinator coordinator = Coordinator.start(Config.builder().port(0).token(TOKEN).build())) {
            int port = coordinator.address().getPort();
            ProcessBuilder pb = new ProcessBuilder(Jobs.rankCommand("jmpi.tests.programs.DiesMidTransfer", mode,
                    Integer.toString(mib))).redirectErrorStream(true);
            pb.environment().putAll(Map.of("JMPI_ADDR", "127.0.0.1", "JMPI_PORT", Integer.toString(port),
                    "JMPI_TOKEN", TOKEN, "JMPI_RANK", "2", "JMPI_SIZE", "3",
                    // streaming is the direct data plane's, where ranks 0 and 1 in this JVM are too
                    "JMPI_DATA", "direct"));
            Process dying = pb.start();
            // threads of the test's own: reading the process's output blocks, and the common pool may have one thread
            ExecutorService threads = Executors.newFixedThreadPool(3);
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(dying.getInputStream()), threads);
            CompletableFuture<Session> r0 = CompletableFuture.supplyAsync(() -> connect(port, 0), threads);
            Session r1 = connect(port, 1);
            try {
                CompletableFuture<Void> barrier0 = CompletableFuture.runAsync(() -> r0.join().world().barrier(), threads);
                Request<Void> barrier1 = r1.world().ibarrier();
                List<CompletableFuture<?>> started = beforeBarrier ? start.apply(List.of(r0.join(), r1)) : null;
                try {
                    barrier1.toCompletableFuture().get(1, TimeUnit.MINUTES);
                    barrier0.get(1, TimeUnit.MINUTES);
                } catch (TimeoutException e) {
                    dying.destroyForcibly();
                    throw new AssertionError("the barrier with rank 2 did not complete; rank 0 waits for "
                            + r0.join().waits() + ", rank 1 for " + r1.waits() + "; rank 2 said:\n"
                            + out.get(1, TimeUnit.MINUTES), e);
                }
                List<CompletableFuture<?>> running = started != null ? started : start.apply(List.of(r0.join(), r1));
                for (CompletableFuture<?> f : running) {
                    try {
                        f.get(1, TimeUnit.MINUTES);
                    } catch (TimeoutException e) {
                        throw new AssertionError("still waiting: rank 0 for " + r0.join().waits() + ", rank 1 for "
                                + r1.waits(), e);
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof AssertionError wrong) {
                            throw wrong;
                        }
                        ProcessFailedException failed = assertInstanceOf(ProcessFailedException.class, e.getCause());
                        assertEquals(2, failed.failedRank(), failed.getMessage());
                    }
                }
                assertTrue(dying.waitFor(1, TimeUnit.MINUTES));
                assertEquals(5, dying.exitValue());
                assertTrue(out.get(1, TimeUnit.MINUTES).contains("rank 2: leaving mid-transfer"), out.join());
                // the survivors go on: a message between them still flows
                r0.join().world().send("still here", 1, 1);
                assertEquals("still here", r1.world().recv(0, 1));
            } finally {
                Jobs.kill(dying);
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
