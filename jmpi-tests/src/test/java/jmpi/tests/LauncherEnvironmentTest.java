package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ranks started one by one, with no jmpi launcher, carrying only what srun or a PMI launcher would
 * give them: rank, size and job id. They must find each other (rank 0 hosts the coordinator on
 * JMPI_PORT) and form one job; a process of another job step on the same port is refused.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class LauncherEnvironmentTest {

    /** Starts one process per rank with env(rank) added to a clean environment. */
    private static List<Running> start(int n, List<String> command, IntFunction<Map<String, String>> env)
            throws Exception {
        List<Running> ranks = new ArrayList<>();
        try {
            for (int r = 0; r < n; r++) {
                ProcessBuilder pb = new ProcessBuilder(command).directory(Jobs.root().toFile());
                Jobs.cleanEnvironment(pb.environment()).putAll(env.apply(r));
                ranks.add(Running.start(pb));
            }
        } catch (Exception | Error e) {
            ranks.forEach(Running::close);
            throw e;
        }
        return ranks;
    }

    private static Map<String, String> slurm(int rank, int ntasks, String job, String step, int port) {
        Map<String, String> env = new HashMap<>();
        env.put("SLURM_PROCID", Integer.toString(rank));
        env.put("SLURM_NTASKS", Integer.toString(ntasks));
        env.put("SLURM_JOB_ID", job);
        env.put("SLURM_STEP_ID", step);
        env.put("JMPI_PORT", Integer.toString(port));
        env.put("JMPI_SERIAL", String.join(",", SuiteRunner.SERIAL));
        return env;
    }

    @Test
    void slurmRanksFormOneJobAndRefuseAnotherStep() throws Exception {
        int port = Jobs.freePort();
        String job = Integer.toString(ThreadLocalRandom.current().nextInt(1, 1_000_000));
        // every suite, on the world communicator (the others are covered under jmpirun)
        List<Running> ranks = start(3, Jobs.rankCommand("jmpi.tests.RankMain", "\\[WORLD]"),
                r -> slurm(r, 3, job, "0", port));
        // the same job's next step: another token, so the coordinator must turn it away
        List<Running> stranger = start(1, Jobs.rankCommand("jmpi.tests.programs.NoFinalize"), r -> {
            Map<String, String> env = slurm(1, 3, job, "1", port);
            env.put("JMPI_WAIT", "2m");
            return env;
        });
        try {
            for (int r = 0; r < 3; r++) {
                Jobs.Result res = ranks.get(r).waitFor(Duration.ofMinutes(3));
                assertEquals(0, res.exitCode(), "rank " + r + ":\n" + res.out());
                String summary = "rank " + r + " of 3: " + ExpectedTests.perCommKind() + " passed, 0 failed";
                assertTrue(res.out().lines().anyMatch(summary::equals), summary + " not in:\n" + res.out());
            }
            Jobs.Result s = stranger.get(0).waitFor(Duration.ofMinutes(1));
            assertNotEquals(0, s.exitCode(), s.out());
            assertTrue(s.out().contains("wrong job token"), s.out());
        } finally {
            ranks.forEach(Running::close);
            stranger.forEach(Running::close);
        }
    }

    @Test
    void pmiRanksFormOneJob() throws Exception {
        int port = Jobs.freePort();
        List<Running> ranks = start(2, Jobs.rankCommand("jmpi.tests.programs.NoFinalize"),
                r -> Map.of("PMI_RANK", Integer.toString(r), "PMI_SIZE", "2", "JMPI_PORT", Integer.toString(port)));
        try {
            for (int r = 0; r < 2; r++) {
                Jobs.Result res = ranks.get(r).waitFor(Duration.ofMinutes(1));
                assertEquals(0, res.exitCode(), "rank " + r + ":\n" + res.out());
                assertTrue(res.out().contains("rank " + r + " sum 1"), res.out());
            }
        } finally {
            ranks.forEach(Running::close);
        }
    }
}
