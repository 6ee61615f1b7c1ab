package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One job on two nodes of a real Slurm ({@link Slurm#startAcross}): a slurmd on each of two hosts of a
 * {@link VirtualLan}, named jn0 and jn1, and {@code srun -N 2 -n 4} with nothing of jmpi's set, no
 * JMPI_ADDR, no JMPI_PORT. Rank 0 runs on jn0, the first node of the step's node list, and the ranks
 * on jn1 find its coordinator there, across the LAN.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SrunAcrossHostsTest {

    @Test
    void ranksOnTwoNodesFindRankZerosCoordinatorFromTheNodeList() throws Exception {
        try (VirtualLan lan = VirtualLan.create(2); Slurm slurm = Slurm.startAcross(lan, List.of("jn0", "jn1"))) {
            ProcessBuilder pb = slurm.srun(List.of("-N", "2", "-n", "4", "--ntasks-per-node=2"),
                    Jobs.rankCommand("jmpi.tests.programs.WhichJob"));
            pb.environment().put("TEST_JOB", "across");
            Jobs.Result r = Jobs.run(pb, Duration.ofMinutes(2));
            assertEquals(0, r.exitCode(), r.out());
            for (int rank = 0; rank < 4; rank++) {
                String node = rank < 2 ? "jn0" : "jn1";
                String line = "rank " + rank + " of 4 on " + node + " in job across: [across, across, across, across]";
                assertTrue(r.out().lines().anyMatch(line::equals), line + " not in:\n" + r.out());
            }
        }
    }
}
