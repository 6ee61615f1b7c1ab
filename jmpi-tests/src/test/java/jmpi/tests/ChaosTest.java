package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import jmpi.tests.programs.Dying;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Chaos under jmpirun: a random program of mixed operations (the soak program: collectives,
 * point-to-point, a custom operation, on the world and on a split communicator) in which a random rank
 * dies at a random step, in each of the ways a rank can ({@link Dying}: halted, killed by SIGKILL,
 * System.exit(0) before Finalize, an exception out of main, its connections reset under it). Whatever
 * the victim, the way and the moment: the survivors see only the documented failure, every result that
 * had completed still checks out, jmpirun exits non-zero, and no process is left.
 *
 * <p>Each way runs {@code -Dchaos.tries} random jobs (2 by default: ten jobs, well under a minute).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ChaosTest {
    private static final int TRIES = Integer.getInteger("chaos.tries", 2);
    private static final int NP = 4;
    private static final int STEPS = 160;

    @ParameterizedTest(name = "a random rank dies by {0} at a random step")
    @EnumSource(Dying.class)
    void survivorsSeeOnlyTheDocumentedFailure(Dying way, @TempDir Path dir) {
        qt().withExamples(TRIES).withShrinkCycles(0)
                .forAll(longs().between(1, Long.MAX_VALUE), integers().between(0, NP - 1))
                .checkAssert((seed, victim) -> {
                    try {
                        runOnce(dir.resolve(seed + "-" + victim), way, seed, victim);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                });
    }

    private static void runOnce(Path dir, Dying way, long seed, int victim) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        String name = way.name().toLowerCase(Locale.ROOT);
        ProcessBuilder pb = Jobs.jmpirun(NP, Jobs.rankCommand("jmpi.tests.programs.Soak", "--steps=" + STEPS,
                "--seed=" + seed, "--kill=" + victim, "--how=" + name, "--report=" + dir), "--prefix");
        String job = "seed " + seed + ", rank " + victim + " dies by " + name;
        // run asserts, too, that no process of the job outlives it
        Jobs.Result r = Jobs.run(pb, Duration.ofMinutes(2));
        SoakReports reports = new SoakReports(dir, NP);
        assertNotEquals(0, r.exitCode(), job + ":\n" + r.out());
        String said = way == Dying.HALT ? "halting at step \\d+" : "dying by " + name + " at step \\d+";
        assertTrue(reports.firstLine(victim).matches("soak rank " + victim + " of " + NP + ": " + said),
                job + ": the victim reported " + reports.of(victim) + "\n" + r.out());
        reports.assertSurvivorsSawOnlyTheDocumentedFailure(victim, job + ":\n" + r.out());
    }
}
