package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void abortEndsTheJobWithItsStatus() throws Exception {
        Jobs.Result r = Jobs.run(Jobs.jmpirun(3, Jobs.rankCommand("jmpi.tests.programs.Aborting")), Duration.ofMinutes(1));
        assertEquals(7, r.exitCode(), r.out());
        assertTrue(r.out().contains("jmpi: rank 1 called Abort(7); the job stops"), r.out());
        // every rank exits with the code (AbortTest looks at each); the first one jmpirun sees is named
        assertTrue(r.out().contains("exited with code 7"), r.out());
        // Abort did not return, and the ranks waiting for rank 1 failed instead of receiving
        assertTrue(!r.out().contains("still here after Abort") && !r.out().contains("rank 0 received")
                && !r.out().contains("rank 2 received"), r.out());
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
        stopJmpirun("TERM", 143);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void ctrlCStopsEveryRank() throws Exception {
        stopJmpirun("INT", 130);
    }

    /** Sends jmpirun a signal while its ranks wait: every rank stops, one quiet line, the signal's status. */
    private static void stopJmpirun(String signal, int status) throws Exception {
        try (Running job = Running.start(Jobs.jmpirun(3, Jobs.rankCommand("jmpi.tests.programs.Waiting"), "--prefix"))) {
            awaitReady(job);
            Process p = job.process();
            List<ProcessHandle> ranks = p.descendants().toList();
            assertTrue(ranks.size() >= 3, "ranks: " + ranks);
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start();
            assertEquals(0, kill.waitFor(), "kill -" + signal);
            assertTrue(p.waitFor(1, TimeUnit.MINUTES), "jmpirun did not stop");
            // jmpirun waits for the ranks it stops before it exits: none is left once it is gone
            assertEquals(List.of(), ranks.stream().filter(ProcessHandle::isAlive).toList(), "ranks left running");
            Jobs.Result r = job.waitFor(Duration.ofMinutes(1));
            assertEquals(status, r.exitCode(), r.out());
            assertEquals(1, r.out().lines().filter(l -> l.startsWith("jmpirun:")).count(), r.out());
            assertFalse(r.out().contains("Exception"), r.out());
            assertFalse(r.out().contains("\tat "), r.out());
        }
    }

    private static void awaitReady(Running job) throws InterruptedException {
        for (int rank = 0; rank < 3; rank++) {
            String ready = "[" + rank + "] ready " + rank;
            job.await(ready::equals, Duration.ofMinutes(1));
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void ranksOfAKilledJmpirunExitOnTheirOwn() throws Exception {
        try (Running job = Running.start(Jobs.jmpirun(3, Jobs.rankCommand("jmpi.tests.programs.Waiting"), "--prefix"))) {
            awaitReady(job);
            Process p = job.process();
            List<ProcessHandle> ranks = p.descendants().toList();
            assertTrue(ranks.size() >= 3, "ranks: " + ranks);
            // no hook runs: the ranks are left to themselves, and must notice
            p.destroyForcibly();
            for (ProcessHandle rank : ranks) {
                rank.onExit().get(1, TimeUnit.MINUTES);
            }
        }
    }

    @Test
    void exitBeforeFinalizeFailsTheJobAndNamesTheRank() throws Exception {
        assertRankOneFailedTheJob(leaving("exit", "0"), 1, "rank 1 exited with code 0 without finalizing");
    }

    @Test
    void exitWithAStatusBeforeFinalizeFailsTheJobWithIt() throws Exception {
        assertRankOneFailedTheJob(leaving("exit", "5"), 5, "rank 1 exited with code 5");
    }

    @Test
    void haltBeforeFinalizeFailsTheJobAndNamesTheRank() throws Exception {
        assertRankOneFailedTheJob(leaving("halt"), 1, "rank 1 exited with code 0 without finalizing");
    }

    @Test
    void exceptionOutOfMainAbortsTheJob() throws Exception {
        Jobs.Result r = leaving("throw");
        // every rank exits with 1 (the others quietly); the first that jmpirun sees is named
        assertRankOneFailedTheJob(r, 1, "rank");
        assertTrue(r.out().contains("exited with code 1"), r.out());
        assertTrue(r.out().contains("jmpi: rank 1: an exception escaped main; the job stops"), r.out());
        // printed once, by the JVM, as for any program
        assertEquals(1, r.out().split("thrown out of main by rank 1", -1).length - 1, r.out());
    }

    private static Jobs.Result leaving(String... how) throws Exception {
        return Jobs.run(Jobs.jmpirun(3, Jobs.rankCommand("jmpi.tests.programs.LeavingRank", how)), Duration.ofMinutes(1));
    }

    /** The job failed with status, jmpirun said why, and no rank's barrier completed with the rank that left. */
    private static void assertRankOneFailedTheJob(Jobs.Result r, int status, String said) {
        assertEquals(status, r.exitCode(), r.out());
        assertTrue(r.out().contains("jmpirun: " + said), r.out());
        assertFalse(r.out().contains("barrier completed"), r.out());
    }
}
