package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jmpi.Config;
import jmpi.MPI;
import jmpi.tests.programs.Survivors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Revoke, Agree and Shrink in real jobs under {@code jmpirun --tolerate-failures}, where a rank
 * halts: the survivors learn of it, agree alike, and go on in a shrunk communicator; on the direct
 * data plane and on the coordinator's path.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class FaultToleranceTest {

    private static Jobs.Result survivors(int np, String plane, String... args) throws Exception {
        ProcessBuilder pb = Jobs.jmpirun(np, Jobs.rankCommand("jmpi.tests.programs.Survivors", args),
                "--tolerate-failures");
        pb.environment().put("JMPI_DATA", plane);
        return Jobs.run(pb, Duration.ofMinutes(2));
    }

    /** Each survivor's lines, by rank. */
    private static Map<Integer, List<String>> lines(String out) {
        Map<Integer, List<String>> byRank = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^R(\\d+): (.*)$").matcher(out);
        while (m.find()) {
            byRank.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new ArrayList<>()).add(m.group(2));
        }
        return byRank;
    }

    @ParameterizedTest(name = "on the {0} plane")
    @ValueSource(strings = {Config.DATA_DIRECT, Config.DATA_COORDINATOR})
    void aRevocationReachesEveryWaitingSurvivorWhoThenAgreeAndShrink(String plane) throws Exception {
        Jobs.Result r = survivors(4, plane, "revoke");
        assertEquals(0, r.exitCode(), r.out());
        assertTrue(r.out().contains("jmpirun: rank 3 failed (exit code 137)"), r.out());
        Map<Integer, List<String>> got = lines(r.out());
        assertEquals(List.of(0, 1, 2), List.copyOf(got.keySet()), r.out());
        assertEquals("learned that rank 3 failed", got.get(0).get(0));
        for (int rank = 1; rank <= 2; rank++) {
            assertEquals("pending recv failed with class " + MPI.ERR_REVOKED, got.get(rank).get(0), r.out());
        }
        for (int rank = 0; rank <= 2; rank++) {
            List<String> mine = got.get(rank);
            assertEquals("later barrier failed with class " + MPI.ERR_REVOKED, mine.get(mine.size() - 2), r.out());
            // the survivors' ranks sum to 1 + 2 + 3; rank 1's flag clears the lowest bit
            assertEquals("agreed 6, failed [3] (1), revoked true, shrunk to 3 as rank " + rank + ", sum 6",
                    mine.get(mine.size() - 1), r.out());
        }
    }

    @ParameterizedTest(name = "on the {0} plane")
    @ValueSource(strings = {Config.DATA_DIRECT, Config.DATA_COORDINATOR})
    void anySourceReceivesWorkAgainOnceTheFailureIsAcknowledged(String plane) throws Exception {
        Jobs.Result r = survivors(3, plane, "ack");
        assertEquals(0, r.exitCode(), r.out());
        Map<Integer, List<String>> got = lines(r.out());
        assertEquals(List.of("any-source recv failed for rank 2", "acknowledged 1 of [2]", "then received hello"),
                got.get(0), r.out());
        assertEquals(List.of("sent"), got.get(1), r.out());
    }

    @Test
    void survivorsAgreeAlikeWhenARankDiesDuringAgree() {
        // a few jobs, each a few seconds: random sizes, victims, rounds and flags
        qt().withExamples(4).withShrinkCycles(0).forAll(integers().between(3, 4), integers().between(1, 3),
                integers().between(0, 3), longs().between(1, 1_000_000)).checkAssert((np, victim, round, seed) -> {
                    int v = Math.min(victim, np - 1);
                    try {
                        checkAgreement(np, v, round, seed);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
    }

    private static void checkAgreement(int np, int victim, int round, long seed) throws Exception {
        int rounds = 5;
        Jobs.Result r = survivors(np, Config.DATA_DIRECT, "agree", Integer.toString(rounds), Integer.toString(victim),
                Integer.toString(round), Long.toString(seed));
        String what = "np " + np + ", victim " + victim + " at round " + round + ", seed " + seed + ":\n" + r.out();
        assertEquals(0, r.exitCode(), what);
        Map<Integer, List<String>> got = lines(r.out());
        List<String> first = null;
        for (int rank = 0; rank < np; rank++) {
            if (rank == victim) {
                assertEquals(round, got.getOrDefault(rank, List.of()).size(), what);
                continue;
            }
            List<String> mine = got.get(rank);
            assertEquals(rounds, mine.size(), what);
            if (first == null) {
                first = mine;
            }
            assertEquals(first, mine, "survivors agree alike; " + what);
        }
        for (int i = 0; i < rounds; i++) {
            int all = ~0;
            int alive = ~0;
            for (int rank = 0; rank < np; rank++) {
                all &= Survivors.flag(seed, rank, i);
                alive &= rank == victim ? ~0 : Survivors.flag(seed, rank, i);
            }
            String line = first.get(i);
            if (i < round) {
                assertEquals("round " + i + " agreed " + all, line, what);
            } else if (i > round) {
                assertEquals("round " + i + " agreed " + alive, line, what);
            } else {
                // the victim's flag counts or not, depending on when it died; either way, alike
                assertTrue(line.equals("round " + i + " agreed " + all) || line.equals("round " + i + " agreed " + alive),
                        what);
            }
        }
    }
}
