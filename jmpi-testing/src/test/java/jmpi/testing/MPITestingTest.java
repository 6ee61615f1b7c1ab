package jmpi.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import jmpi.MPI;
import org.junit.jupiter.api.Test;

/** Jobs run from code, as a property test runs one on every try. */
class MPITestingTest {

    @Test
    void callGivesEachRanksResultByRank() {
        assertEquals(List.of(0, 10, 20), MPITesting.call(3, comm -> comm.rank() * 10));
        // gather answers only at the root: the other ranks' nulls keep their places
        assertEquals(Arrays.asList(List.of(0, 1, 2), null, null), MPITesting.call(3, comm -> comm.gather(comm.rank())));
    }

    @Test
    void aFailingRankIsNamedWithItsException() {
        IllegalArgumentException cause = new IllegalArgumentException("bad input");
        AssertionError e = assertThrows(AssertionError.class, () -> MPITesting.run(3, comm -> {
            if (comm.rank() == 1) {
                throw cause;
            }
            comm.barrier();
        }));
        assertTrue(e.getMessage().startsWith("rank 1 failed: "), e.getMessage());
        assertSame(cause, e.getCause());
    }

    @Test
    void aRankBusyOutsideJmpiIsShownWhereItIs() {
        // rank 1 waits on something of its own, which only this test lets go of, after the run has timed out
        CountDownLatch letGo = new CountDownLatch(1);
        AssertionError e;
        try {
            e = assertThrows(AssertionError.class, () -> MPITesting.run(2, Duration.ofMillis(500), comm -> {
                if (comm.rank() == 1) {
                    letGo.await(60, TimeUnit.SECONDS);
                }
                comm.barrier();
            }));
        } finally {
            letGo.countDown();
        }
        assertTrue(e.getMessage().contains("rank 1: in no call"), e.getMessage());
        assertTrue(e.getMessage().contains("rank 1: TIMED_WAITING at jmpi.testing.MPITestingTest"), e.getMessage());
    }

    @Test
    void badArgumentsFailBeforeAnyJobStarts() {
        assertThrows(IllegalArgumentException.class, () -> MPITesting.run(0, comm -> { }));
        assertThrows(IllegalArgumentException.class, () -> MPITesting.run(1, Duration.ZERO, comm -> { }));
    }

    @Test
    void allreduceOfRanksIsTheirSumAtEverySize() {
        // @start region="property"
        qt().withExamples(6).forAll(integers().between(1, 5)).checkAssert(n -> {
            List<Integer> sums = MPITesting.call(n, comm -> comm.allreduce(comm.rank(), MPI.SUM));
            assertEquals(Collections.nCopies(n, IntStream.range(0, n).sum()), sums);
        });
        // @end
    }
}
