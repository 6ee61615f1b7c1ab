package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jmpi.Config;
import jmpi.MPI;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A one-sided window in a real job under {@code jmpirun --tolerate-failures} where a rank halts
 * holding an exclusive lock: the survivors go on using the window with each other, what they ask of
 * the dead rank fails with ERR_PROC_FAILED, and a fence with a dead member fails rather than hangs.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WindowFaultTest {
    private static final int ROUNDS = 25;

    private static List<String> linesOf(String out, int rank) {
        Matcher m = Pattern.compile("(?m)^R" + rank + ": (.*)$").matcher(out);
        return m.results().map(x -> x.group(1)).toList();
    }

    @ParameterizedTest(name = "on the {0} plane")
    @ValueSource(strings = {Config.DATA_DIRECT, Config.DATA_COORDINATOR})
    void survivorsKeepTheirWindowWhenARankDiesHoldingALock(String plane) throws Exception {
        ProcessBuilder pb = Jobs.jmpirun(4, Jobs.rankCommand("jmpi.tests.programs.WindowSurvivors",
                String.valueOf(ROUNDS)), "--tolerate-failures");
        pb.environment().put("JMPI_DATA", plane);
        Jobs.Result r = Jobs.run(pb, Duration.ofMinutes(2));
        assertEquals(0, r.exitCode(), r.out());
        assertTrue(r.out().contains("jmpirun: rank 3 failed (exit code 137)"), r.out());
        String fence = "fence failed with class " + MPI.ERR_PROC_FAILED;
        assertEquals(List.of("rank 3 says locked", "count " + 3 * ROUNDS, fence), linesOf(r.out(), 0), r.out());
        assertEquals(List.of("rank 3 says locked", "rank 3 failed", "flush failed for rank 3",
                "unlock failed for rank 3", fence), linesOf(r.out(), 1), r.out());
        assertEquals(List.of("rank 3 says locked", "rank 3 failed", "get failed for rank 3",
                "unlock failed for rank 3", fence), linesOf(r.out(), 2), r.out());
        assertEquals(List.of(), linesOf(r.out(), 3), r.out());
    }
}
