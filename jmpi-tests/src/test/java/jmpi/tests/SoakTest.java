package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short run of the soak program (jmpi.tests.programs.Soak) under jmpirun at 4 ranks: every result
 * checks out; and when one rank dies mid-run, jmpirun stops the job and names it, while the survivors
 * see nothing but the documented failure and keep what had completed.
 *
 * <p>Each rank also writes its lines to a report file: jmpirun closes a rank's output when it stops
 * it, so what survivors print after that need not reach the launcher's output.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SoakTest {
    private static final int STEPS = 300;
    private static final int KILLED = 2;
    private static final Pattern OK = Pattern.compile(
            "soak rank (\\d) of 4: " + STEPS + " steps, (\\d+) checks passed, \\d+ completed results kept; ok");

    private static ProcessBuilder soak(Path reports, String... options) {
        List<String> args = new ArrayList<>(List.of("--steps=" + STEPS, "--seed=11", "--report=" + reports));
        args.addAll(List.of(options));
        return Jobs.jmpirun(4, Jobs.rankCommand("jmpi.tests.programs.Soak", args.toArray(String[]::new)), "--prefix");
    }

    @Test
    void everyResultChecksOut(@TempDir Path dir) throws Exception {
        SoakReports reports = new SoakReports(dir, 4);
        Jobs.Result r = Jobs.run(soak(dir), Duration.ofMinutes(2));
        assertEquals(0, r.exitCode(), r.out());
        Set<String> checks = new HashSet<>();
        for (int rank = 0; rank < 4; rank++) {
            String line = reports.of(rank);
            Matcher m = OK.matcher(line);
            assertTrue(m.matches(), "rank " + rank + " reported: " + line + "\n" + r.out());
            assertTrue(r.out().contains("[" + rank + "] " + line), r.out());
            checks.add(m.group(2));
        }
        // every rank checks every step's result, so all count the same
        assertEquals(1, checks.size(), r.out());
        assertFalse(r.out().contains("CHECK FAILED") || r.out().contains("UNEXPECTED"), r.out());
    }

    @Test
    void aDeadRankStopsTheJobAndSurvivorsSeeOnlyTheDocumentedFailure(@TempDir Path dir) throws Exception {
        SoakReports reports = new SoakReports(dir, 4);
        try (Running job = Running.start(soak(dir, "--kill=" + KILLED))) {
            job.await(l -> l.contains("halting at step"), Duration.ofMinutes(2));
            // the survivors would otherwise wait for the dead rank until the class's timeout
            Jobs.Result r = job.waitFor(Duration.ofMinutes(1));
            for (int rank = 0; rank < 4; rank++) {
                System.out.println("report of rank " + rank + ": " + reports.of(rank));
            }

            assertNotEquals(0, r.exitCode(), r.out());
            assertTrue(r.out().contains("jmpirun: rank " + KILLED + " exited with code 137"), r.out());
            assertTrue(reports.of(KILLED).matches("soak rank " + KILLED + " of 4: halting at step \\d+"),
                    reports.of(KILLED));

            int named = reports.assertSurvivorsSawOnlyTheDocumentedFailure(KILLED, r.out());
            assertTrue(named > 0, "no survivor saw rank " + KILLED + " fail:\n" + r.out());
        }
    }
}
