package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.ByteBuffer;
import java.util.Random;
import jmpi.Config;
import jmpi.MPI;
import jmpi.Win;
import org.junit.jupiter.api.Test;

/**
 * Accumulate(SUM) from random ranks, at random targets and displacements, of random values, under a
 * fence or under shared locks that many ranks hold at once: every target's memory ends as the
 * sequential fold of what was sent to it, on both planes.
 */
class AccumulatePropertiesTest {
    private static final int SLOTS = 6;

    /** What each rank sends: rank, then per operation target, displacement, length and values. */
    private record Plan(int[][] target, int[][] disp, long[][][] values) {
        static Plan random(int n, long seed) {
            Random random = new Random(seed);
            int[][] target = new int[n][];
            int[][] disp = new int[n][];
            long[][][] values = new long[n][][];
            for (int r = 0; r < n; r++) {
                int ops = random.nextInt(12);
                target[r] = new int[ops];
                disp[r] = new int[ops];
                values[r] = new long[ops][];
                for (int k = 0; k < ops; k++) {
                    target[r][k] = random.nextInt(n);
                    disp[r][k] = random.nextInt(SLOTS);
                    values[r][k] = random.longs(1 + random.nextInt(SLOTS - disp[r][k])).toArray();
                }
            }
            return new Plan(target, disp, values);
        }

        /** The sequential fold: each target's slots summed over every operation sent to it. */
        long[] expected(int rank) {
            long[] sum = new long[SLOTS];
            for (int r = 0; r < target.length; r++) {
                for (int k = 0; k < target[r].length; k++) {
                    if (target[r][k] == rank) {
                        for (int i = 0; i < values[r][k].length; i++) {
                            sum[disp[r][k] + i] += values[r][k][i];
                        }
                    }
                }
            }
            return sum;
        }
    }

    private static void check(int n, long seed, boolean passive, String data) throws Throwable {
        Plan plan = Plan.random(n, seed);
        try (InJvmJob job = InJvmJob.start(n, data)) {
            job.run((rank, s) -> {
                Win win = Win.allocate((long) SLOTS * Long.BYTES, Long.BYTES, s.world());
                if (passive) {
                    win.Lock_all();
                } else {
                    win.Fence();
                }
                for (int k = 0; k < plan.target()[rank].length; k++) {
                    win.Accumulate(plan.values()[rank][k], plan.target()[rank][k], plan.disp()[rank][k], MPI.SUM);
                }
                if (passive) {
                    win.Unlock_all();
                    s.world().barrier();
                    win.Lock(MPI.LOCK_SHARED, rank);
                } else {
                    win.Fence();
                }
                ByteBuffer mine = win.tomemory();
                long[] got = new long[SLOTS];
                for (int i = 0; i < SLOTS; i++) {
                    got[i] = mine.getLong(i * Long.BYTES);
                }
                if (passive) {
                    win.Unlock(rank);
                }
                assertArrayEquals(plan.expected(rank), got, "rank " + rank + " of " + n + ", seed " + seed);
                win.free();
            });
        }
    }

    private static void forAllPlans(String data) {
        qt().withExamples(30).forAll(integers().between(1, 5), longs().all(), booleans().all())
                .checkAssert((n, seed, passive) -> {
                    try {
                        check(n, seed, passive, data);
                    } catch (Throwable e) {
                        throw new AssertionError(e);
                    }
                });
    }

    @Test
    void amongTheRanksEveryTargetHoldsTheSequentialFold() {
        forAllPlans(Config.DATA_DIRECT);
    }

    @Test
    void throughTheCoordinatorEveryTargetHoldsTheSequentialFold() {
        forAllPlans(Config.DATA_COORDINATOR);
    }
}
