package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Several jobs of {@link jmpi.tests.programs.WhichJob} started at once on this host, each named in
 * TEST_JOB, with nothing that tells their coordinators apart: each must pass, and each of its ranks
 * must have gathered its own job's name only.
 */
final class JobsAtOnce {
    private static final Duration JOB = Duration.ofMinutes(2);

    private JobsAtOnce() {
    }

    /** Runs jobs of ranks each, job(j) being the j-th job's launch of the WhichJob command. */
    static void check(int jobs, int ranks, IntFunction<ProcessBuilder> job) throws Exception {
        List<Running> running = new ArrayList<>();
        try {
            for (int j = 0; j < jobs; j++) {
                ProcessBuilder pb = job.apply(j);
                pb.environment().put("TEST_JOB", "job" + j);
                running.add(Running.start(pb));
            }
            for (int j = 0; j < jobs; j++) {
                Jobs.Result r = running.get(j).waitFor(JOB);
                assertEquals(0, r.exitCode(), "job " + j + ":\n" + r.out());
                List<String> names = new ArrayList<>();
                for (int rank = 0; rank < ranks; rank++) {
                    names.add("job" + j);
                }
                String line = " in job job" + j + ": " + names;
                for (int rank = 0; rank < ranks; rank++) {
                    String who = "rank " + rank + " of " + ranks + " on ";
                    assertTrue(r.out().lines().anyMatch(l -> l.startsWith(who) && l.endsWith(line)),
                            who + "…" + line + " not in:\n" + r.out());
                }
            }
        } finally {
            running.forEach(Running::close);
        }
    }
}
