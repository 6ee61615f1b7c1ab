package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Jobs under a real Slurm's srun ({@link Slurm}), with nothing of jmpi's set: rank and size come from
 * SLURM_PROCID and SLURM_NTASKS, the job token and the coordinator's port from the job and step id.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class SlurmTest {
    private static final Duration JOB = Duration.ofMinutes(2);
    private static Slurm slurm;

    @BeforeAll
    static void startSlurm() throws Exception {
        slurm = Slurm.start();
    }

    @AfterAll
    static void stopSlurm() throws Exception {
        if (slurm != null) {
            slurm.close();
        }
    }

    private static ProcessBuilder srun(int n, List<String> options, String mainClass, String... args) {
        List<String> opts = new ArrayList<>(List.of("-n", Integer.toString(n)));
        opts.addAll(options);
        ProcessBuilder pb = slurm.srun(opts, Jobs.rankCommand(mainClass, args));
        pb.environment().put("JMPI_SERIAL", String.join(",", SuiteRunner.SERIAL));
        return pb;
    }

    @Test
    void suitesPassUnderSrunAtOneToFourRanks() throws Exception {
        for (int n = 1; n <= 4; n++) {
            // every suite, on the world communicator: the launch is what differs from jmpirun's runs of all kinds
            Jobs.Result r = Jobs.run(srun(n, List.of(), "jmpi.tests.RankMain", "\\[WORLD]"), Duration.ofMinutes(3));
            assertEquals(0, r.exitCode(), n + " ranks:\n" + r.out());
            for (int rank = 0; rank < n; rank++) {
                String summary = "rank " + rank + " of " + n + ": " + ExpectedTests.perCommKind() + " passed, 0 failed";
                assertTrue(r.out().lines().anyMatch(summary::equals), summary + " not in:\n" + r.out());
            }
        }
    }

    @Test
    void threeJobsAtOnceEachFindTheirOwnCoordinator() throws Exception {
        JobsAtOnce.check(3, 2, j -> srun(2, List.of(), "jmpi.tests.programs.WhichJob"));
    }

    @Test
    void aRankThatExitsEndsTheJobAndSrunExitsNonZero() throws Exception {
        // srun's own default: it waits for every task, so the others must end of themselves
        ProcessBuilder pb = srun(3, List.of(), "jmpi.tests.programs.WhichJob", "1", "7");
        pb.environment().put("TEST_JOB", "dying");
        Jobs.Result r = Jobs.run(pb, JOB);
        assertNotEquals(0, r.exitCode(), r.out());
        assertTrue(r.out().contains("task 1: Exited with exit code 7"), r.out());
    }

    @Test
    void scancelLeavesNoProcess() throws Exception {
        String name = "jmpi-" + UUID.randomUUID();
        ProcessBuilder pb = srun(3, List.of("--job-name=" + name), "jmpi.tests.programs.Waiting");
        String mark = Jobs.mark(pb);
        try (Running job = Running.start(pb)) {
            for (int rank = 0; rank < 3; rank++) {
                String ready = "ready " + rank;
                job.await(ready::equals, JOB);
            }
            slurm.client("scancel", "--name=" + name);
            assertTrue(job.process().waitFor(JOB.toMillis(), TimeUnit.MILLISECONDS), "srun still runs:\n" + job.text());
            // slurmstepd may still be ending a task as srun returns: each gets a bounded while
            for (ProcessHandle left : Jobs.marked(mark)) {
                left.onExit().get(Slurm.KILL_WAIT_SECONDS + 10, TimeUnit.SECONDS);
            }
            // and fails if any process of the job still runs
            Jobs.Result r = job.waitFor(JOB);
            assertNotEquals(0, r.exitCode(), r.out());
        }
    }
}
