package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An exception out of a rank's main, under jmpirun, with JMPI_ABORT_ON_EXCEPTION on (the default) and off. */
class AbortOnExceptionTest {
    private static final String TRACE = "java.lang.IllegalStateException: thrown out of main by rank 1";

    private static long count(String out, String what) {
        return out.lines().filter(l -> l.contains(what)).count();
    }

    @Test
    void anExceptionOutOfMainAbortsTheJobAndItsTraceIsPrintedOnce() throws Exception {
        Jobs.Result r = Jobs.run(Jobs.jmpirun(3, Jobs.rankCommand("jmpi.tests.programs.ThrowingMain")),
                Duration.ofMinutes(1));
        assertEquals(1, r.exitCode(), r.out());
        // rank 1's worker thread would keep its JVM alive: only the abort ends it, and with it the job
        assertEquals(1, count(r.out(), TRACE), r.out());
        // and no other rank prints one: they exit quietly with the job's code
        assertEquals(1, count(r.out(), "Exception in thread"), r.out());
        assertTrue(r.out().contains("at jmpi.tests@"), r.out());
        assertTrue(!r.out().contains("received"), r.out());
    }

    @Test
    void offTheRankLeavesAsAFailedRankAndTheOthersSeeIt() throws Exception {
        ProcessBuilder pb = Jobs.jmpirun(3, Jobs.rankCommand("jmpi.tests.programs.ThrowingMain"));
        pb.environment().put("JMPI_ABORT_ON_EXCEPTION", "0");
        Jobs.Result r = Jobs.run(pb, Duration.ofMinutes(1));
        assertEquals(1, r.exitCode(), r.out());
        assertEquals(1, count(r.out(), TRACE), r.out());
        // rank 1's process lives on (its worker thread), but it has left: the others' receives fail
        assertTrue(r.out().contains("rank 0 saw rank 1 fail") || r.out().contains("rank 2 saw rank 1 fail"), r.out());
    }
}
