package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** jmpirun itself: exit codes, stopping the job, output prefixes, programs that forget Finalize. */
class LauncherTest {

    @Test
    void failedRankStopsTheJobAndNamesIt() throws Exception {
        Jobs.Result r = Jobs.run(Jobs.jmpirun(3, Jobs.rankCommand("jmpi.tests.programs.FailingRank")),
                Duration.ofMinutes(1));
        assertEquals(3, r.exitCode(), r.out());
        assertTrue(r.out().contains("rank 1 exited with code 3"), r.out());
    }

    @Test
    void mainWithoutFinalizeExitsCleanly() throws Exception {
        Jobs.Result r = Jobs.run(Jobs.jmpirun(3, Jobs.rankCommand("jmpi.tests.programs.NoFinalize")),
                Duration.ofMinutes(1));
        assertEquals(0, r.exitCode(), r.out());
        for (int rank = 0; rank < 3; rank++) {
            assertTrue(r.out().contains("rank " + rank + " sum 3"), r.out());
        }
    }

    @Test
    void exceptionOnTheCoordinatorReachesEveryRankAndTheJobGoesOn() throws Exception {
        Jobs.Result r = Jobs.run(Jobs.jmpirun(4, Jobs.rankCommand("jmpi.tests.programs.ExceptionRecovery")),
                Duration.ofMinutes(1));
        assertEquals(0, r.exitCode(), r.out());
        for (int rank = 0; rank < 4; rank++) {
            assertTrue(r.out().contains("rank " + rank + ": caught java.lang.IllegalStateException"), r.out());
            assertTrue(r.out().contains("rank " + rank + ": recovered, allreduce 4"), r.out());
        }
    }

    @Test
    void prefixTagsEveryLineWithItsRank() throws Exception {
        Jobs.Result r = Jobs.run(Jobs.jmpirun(2, Jobs.rankCommand("jmpi.tests.programs.NoFinalize"), "--prefix"),
                Duration.ofMinutes(1));
        assertEquals(0, r.exitCode(), r.out());
        assertTrue(r.out().contains("[0] rank 0 sum 1"), r.out());
        assertTrue(r.out().contains("[1] rank 1 sum 1"), r.out());
    }

    @Test
    void missingCommandIsAUsageError() throws Exception {
        Jobs.Result r = Jobs.run(Jobs.jmpirun(2, List.of()), Duration.ofMinutes(1));
        assertNotEquals(0, r.exitCode(), r.out());
        assertTrue(r.out().contains("COMMAND"), r.out());
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void stoppingJmpirunStopsEveryRank() throws Exception {
        try (Running job = Running.start(Jobs.jmpirun(3, Jobs.rankCommand("jmpi.tests.programs.Waiting"), "--prefix"))) {
            for (int rank = 0; rank < 3; rank++) {
                String ready = "[" + rank + "] ready " + rank;
                job.await(ready::equals, Duration.ofMinutes(1));
            }
            Process p = job.process();
            List<ProcessHandle> ranks = p.descendants().toList();
            assertTrue(ranks.size() >= 3, "ranks: " + ranks);
            // as Ctrl-C does: jmpirun's hook stops the ranks before it exits
            p.destroy();
            assertTrue(p.waitFor(1, TimeUnit.MINUTES), "jmpirun did not stop");
            // jmpirun waits for the ranks it stops before it exits: none is left once it is gone
            assertEquals(List.of(), ranks.stream().filter(ProcessHandle::isAlive).toList(), "ranks left running");
        }
    }
}
