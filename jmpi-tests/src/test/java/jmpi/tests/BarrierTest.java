package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import jmpi.Comm;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With the ranks in one JVM, a counter they share shows what a barrier promises: no rank leaves before
 * the last one has arrived. The last rank holds back until all the others are on their way in.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BarrierTest {
    private static final List<Consumer<Comm>> BARRIERS = List.of(
            Comm::barrier, c -> c.ibarrier().waitFor(), Comm::Barrier, c -> c.Ibarrier().waitFor());

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {2, 3, 5})
    void noRankLeavesBeforeTheLastArrives(int n) throws Throwable {
        try (InJvmJob job = InJvmJob.start(n)) {
            for (Consumer<Comm> barrier : BARRIERS) {
                AtomicInteger arrived = new AtomicInteger();
                CountDownLatch others = new CountDownLatch(n - 1);
                job.run((rank, s) -> {
                    if (rank == n - 1) {
                        assertTrue(others.await(1, TimeUnit.MINUTES), "the other ranks never arrived");
                        arrived.incrementAndGet();
                    } else {
                        arrived.incrementAndGet();
                        others.countDown();
                    }
                    barrier.accept(s.world());
                    assertEquals(n, arrived.get(), "rank " + rank + " left before every rank had arrived");
                });
            }
        }
    }
}
