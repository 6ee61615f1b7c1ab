package jmpi.runtime.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import jdk.jfr.FlightRecorder;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import jmpi.Config;
import jmpi.Coordinator;
import jmpi.MPI;
import jmpi.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Operations show in Flight Recorder once a recording runs, even one started after the ranks connected. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class OperationEventTest {

    @Test
    void aRecordingStartedLaterSeesEveryOperationOfTheRank() throws Exception {
        Config base = Config.builder().port(0).token("t").waitTime(Duration.ofSeconds(10)).build();
        try (Coordinator c = Coordinator.start(base)) {
            Config rank = base.toBuilder().addr("127.0.0.1").port(c.address().getPort()).size(2).build();
            Session r0 = Session.connect(rank.toBuilder().rank(0).build());
            Session r1 = Session.connect(rank.toBuilder().rank(1).build());
            // rank 1 blocks in its calls: a thread of its own, not the common pool's one thread
            ExecutorService rank1 = Executors.newSingleThreadExecutor();
            try {
                // nothing in this JVM has started Flight Recorder: no event class is needed yet
                assertFalse(FlightRecorder.isInitialized());
                CompletableFuture<Void> before = CompletableFuture.runAsync(() -> r1.world().barrier(), rank1);
                r0.world().barrier();
                before.join();

                List<RecordedEvent> seen = new CopyOnWriteArrayList<>();
                CountDownLatch allreduces = new CountDownLatch(2);
                try (RecordingStream rs = new RecordingStream()) {
                    rs.enable("jmpi.Operation");
                    rs.onEvent("jmpi.Operation", e -> {
                        seen.add(e);
                        if (e.getString("operation").equals("allreduce")) {
                            allreduces.countDown();
                        }
                    });
                    rs.startAsync();
                    CompletableFuture<Integer> other = CompletableFuture.supplyAsync(
                            () -> r1.world().allreduce(2, MPI.SUM), rank1);
                    int sum = r0.world().allreduce(1, MPI.SUM);
                    assertEquals(3, sum);
                    assertEquals(3, (int) other.join());
                    // events reach the stream when Flight Recorder flushes, about once a second
                    assertTrue(allreduces.await(60, TimeUnit.SECONDS), "events seen: " + seen);
                }
                for (RecordedEvent e : seen) {
                    if (e.getString("operation").equals("allreduce")) {
                        assertEquals(0, e.getInt("communicator"));
                        assertEquals(2, e.getInt("groupSize"));
                        assertFalse(e.getBoolean("failed"));
                        assertTrue(e.getLong("bytes") > 0, e.toString());
                        assertEquals("tcp", e.getString("carrier"), e.toString());
                    }
                }
            } finally {
                CompletableFuture<Void> closing = CompletableFuture.runAsync(r1::close, rank1);
                r0.close();
                closing.join();
                rank1.shutdownNow();
            }
        }
    }
}
