package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Open MPI's mpirun instead of jmpirun: ranks take rank and size from OMPI_COMM_WORLD_*, rank 0 starts
 * the coordinator on JMPI_PORT, or without it on a port derived from mpirun's job id, and the job token
 * comes from that job id.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MpirunTest {

    /**
     * mpirun running np copies of command on this host. {@code --oversubscribe}: more ranks than cores;
     * {@code --bind-to none}: a JVM needs more than one core; {@code --allow-run-as-root}: tests may run
     * as root in a container. The variables of env reach the ranks through -x.
     */
    private static ProcessBuilder mpirun(int np, Map<String, String> env, List<String> command) {
        List<String> cmd = new ArrayList<>(List.of("mpirun", "--oversubscribe", "--bind-to", "none",
                "--allow-run-as-root", "-np", Integer.toString(np)));
        for (String name : env.keySet()) {
            cmd.add("-x");
            cmd.add(name);
        }
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(Jobs.root().toFile()).redirectErrorStream(true);
        Jobs.cleanEnvironment(pb.environment()).putAll(env);
        return pb;
    }

    @Test
    void suitesPassUnderMpirun() throws Exception {
        Map<String, String> env = Map.of("JMPI_PORT", Integer.toString(Jobs.freePort()),
                "JMPI_SERIAL", String.join(",", SuiteRunner.SERIAL));
        // every suite, on the world communicator: the launch is what differs from jmpirun's runs of all kinds
        Jobs.Result r = Jobs.run(mpirun(4, env, Jobs.rankCommand("jmpi.tests.RankMain", "\\[WORLD]")),
                Duration.ofMinutes(4));
        assertEquals(0, r.exitCode(), r.out());
        for (int rank = 0; rank < 4; rank++) {
            String summary = "rank " + rank + " of 4: " + ExpectedTests.perCommKind() + " passed, 0 failed";
            assertTrue(r.out().lines().anyMatch(summary::equals), summary + " not in:\n" + r.out());
        }
    }

    @Test
    void helloExampleRunsUnderMpirun() throws Exception {
        List<String> hello = List.of(Jobs.java(), "-p", "examples/target/modules", "-m",
                "jmpi.examples/jmpi.examples.Hello");
        Map<String, String> env = Map.of("JMPI_PORT", Integer.toString(Jobs.freePort()));
        Jobs.Result r = Jobs.run(mpirun(4, env, hello), Duration.ofMinutes(2));
        assertEquals(0, r.exitCode(), r.out());
        for (int rank = 0; rank < 4; rank++) {
            String recv = rank == 1 ? "Hello, 1!" : "null";
            String sum = rank == 0 ? "6" : "null";
            assertTrue(r.out().contains("rank " + rank + " of 4: bcast=Hello, World! allgather=[0, 1, 2, 3] recv="
                    + recv + " sum=" + sum + " allreduce=[4, 0, 0, 0, 0, 0, 0, 0, 0, 0]"), r.out());
        }
    }

    @Test
    void threeJobsAtOnceOnOneHostEachFindTheirOwnCoordinator() throws Exception {
        // no JMPI_PORT: each job's coordinator takes a port of its own
        JobsAtOnce.check(3, 2, j -> mpirun(2, Map.of("TEST_JOB", "job" + j),
                Jobs.rankCommand("jmpi.tests.programs.WhichJob")));
    }

    @Test
    void threeJmpirunJobsAtOnceEachFindTheirOwnCoordinator() throws Exception {
        JobsAtOnce.check(3, 2, j -> Jobs.jmpirun(2, Jobs.rankCommand("jmpi.tests.programs.WhichJob")));
    }
}
