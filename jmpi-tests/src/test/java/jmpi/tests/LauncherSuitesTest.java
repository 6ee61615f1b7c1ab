package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rank-side suite as real processes under jmpirun, at 1 to 4 ranks on TCP. A transport's
 * subclass only says how jobs reach it ({@link #transport()}), what the ranks' links then run on
 * ({@link #carrier()}), and at which sizes it runs ({@code rankCounts}).
 */
class LauncherSuitesTest {

    /** Rank counts for the default transport: every size from 1 to 4. */
    static IntStream rankCounts() {
        return IntStream.rangeClosed(1, 4);
    }

    /** The environment that puts a job on this transport; jmpirun hands it to every rank. */
    Map<String, String> transport() throws Exception {
        return Map.of();
    }

    /** What every rank's link to the coordinator must have run on, as a pattern of {@link Carriers}. */
    String carrier() {
        return "tcp";
    }

    /** Checks, after a job that passed, what this transport's other end recorded of it. */
    void ranOnTransport(int np) throws Exception {
    }

    @ParameterizedTest(name = "{0} ranks")
    @MethodSource("rankCounts")
    void suitesPass(int np, @TempDir Path recordings) throws Exception {
        ProcessBuilder pb = Jobs.jmpirun(np, Jobs.rankCommand(Carriers.recordInto(recordings), "jmpi.tests.RankMain"));
        pb.environment().putAll(transport());
        Jobs.Result r = Jobs.run(pb, Duration.ofMinutes(4));
        assertEquals(0, r.exitCode(), r.out());
        // every test on every communicator kind, counted without the runner: a rank that found none fails
        int expected = ExpectedTests.perRank();
        for (int rank = 0; rank < np; rank++) {
            String summary = "rank " + rank + " of " + np + ": " + expected + " passed, 0 failed";
            assertTrue(r.out().lines().anyMatch(summary::equals), summary + " not in:\n" + r.out());
        }
        Carriers.assertEveryRankRanOn(recordings, np, carrier());
        ranOnTransport(np);
    }
}
