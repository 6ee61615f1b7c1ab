package jmpi.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Optional;
import jmpi.Comm;
import jmpi.MPI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The extension runs a method on every rank and reports as a user expects. Failing runs are samples
 * (nested classes, which the build's test run skips) run through the JUnit Platform, whose events are
 * checked here.
 */
class MPITestExtensionTest {

    // @start region="mpitest"
    @MPITest(ranks = {1, 2, 3, 5})
    void everyRankRunsWithItsOwnComm(Comm comm) {
        int n = comm.size();
        assertEquals(n * (n - 1) / 2, (int) comm.allreduce(comm.rank(), MPI.SUM));
        assertEquals(comm.rank(), (int) comm.scatter(java.util.stream.IntStream.range(0, n).boxed().toList(), 0));
    }
    // @end

    @MPITest(ranks = 2)
    void otherParametersResolveAsJUnitResolvesThem(Comm comm, TestInfo info) {
        assertEquals("2 ranks", info.getDisplayName());
    }

    @Test
    void aMethodWithoutRankCountsIsAConfigurationError() {
        Events containers = kit(NoRanks.class)
                .containerEvents();
        Throwable t = containers.failed().stream().findFirst().orElseThrow()
                .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
        assertEquals("@MPITest on nothing names no rank count", t.getMessage());
    }

    @Test
    void eachRankCountIsATestOfItsOwn() {
        Events tests = run(Passing.class);
        tests.assertStatistics(s -> s.started(4).succeeded(4).failed(0));
        assertEquals(List.of("1 rank", "2 ranks", "3 ranks", "5 ranks"),
                tests.started().map(e -> e.getTestDescriptor().getDisplayName()).toList());
    }

    @Test
    void aFailingRankFailsTheTestByName() {
        Events tests = run(FailingRank.class);
        tests.assertStatistics(s -> s.started(1).failed(1));
        Throwable t = failure(tests);
        assertTrue(t.getMessage().startsWith("rank 2 failed: java.lang.IllegalStateException: rank 2 gives up"),
                t.getMessage());
        assertEquals(IllegalStateException.class, t.getCause().getClass());
    }

    @Test
    void anAssumptionFailedOnARankSkipsThatRun() {
        run(NeedsTwo.class).assertStatistics(s -> s.started(2).aborted(1).succeeded(1));
    }

    @Test
    void aHangTimesOutWithTheRollCall() {
        Events tests = run(Hanging.class);
        tests.assertStatistics(s -> s.started(1).failed(1));
        String m = failure(tests).getMessage();
        assertTrue(m.startsWith("timed out after 1 s; what each rank waits in:"), m);
        // the barrier runs among the ranks: each says which rank its step waits for
        assertTrue(m.contains("rank 0: waits in barrier #1 on communicator 0 (MPI_COMM_WORLD), missing rank 1"), m);
        assertTrue(m.contains("rank 1: waits in recv(source 2, tag 7)"), m);
        assertTrue(m.contains("rank 2: waits in barrier"), m);
    }

    private static Events run(Class<?> sample) {
        return kit(sample).testEvents();
    }

    private static EngineExecutionResults kit(Class<?> sample) {
        return EngineTestKit.engine("junit-jupiter").configurationParameter(SamplesOnly.PARAMETER, "true")
                .selectors(selectClass(sample)).execute();
    }

    private static Throwable failure(Events tests) {
        Event finished = tests.failed().stream().findFirst().orElseThrow();
        Optional<Throwable> t = finished.getRequiredPayload(TestExecutionResult.class).getThrowable();
        return t.orElseThrow();
    }

    @ExtendWith(SamplesOnly.class)
    static class Passing {
        @MPITest(ranks = {1, 2, 3, 5})
        void barrier(Comm comm) {
            comm.barrier();
        }
    }

    @ExtendWith(SamplesOnly.class)
    static class NoRanks {
        @MPITest(ranks = {})
        void nothing(Comm comm) {
        }
    }

    @ExtendWith(SamplesOnly.class)
    static class FailingRank {
        @MPITest(ranks = 4)
        void rankTwoThrows(Comm comm) {
            if (comm.rank() == 2) {
                throw new IllegalStateException("rank 2 gives up");
            }
            comm.barrier();
        }
    }

    @ExtendWith(SamplesOnly.class)
    static class NeedsTwo {
        @MPITest(ranks = {1, 2})
        void pingPong(Comm comm) {
            assumeTrue(comm.size() >= 2, "needs a peer");
            comm.barrier();
        }
    }

    @ExtendWith(SamplesOnly.class)
    static class Hanging {
        @MPITest(ranks = 3, timeout = 1)
        void rankOneWaitsForAMessageNobodySends(Comm comm) {
            if (comm.rank() == 1) {
                comm.recv(2, 7);
            }
            comm.barrier();
        }
    }
}
