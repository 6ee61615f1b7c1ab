package jmpi.runtime.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.TimeUnit;
import jmpi.Comm;
import jmpi.MPI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Above their thresholds, bcast, allgather, reduce and allreduce of buffers take their large
 * algorithms on every rank alike (a bcast's non-roots, which hold no data yet, included): in a job of
 * 5 ranks in this JVM, every rank sends exactly what the ring algorithms send, which the small ones
 * never do, and the results are those of a sequential model.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LargeCollectivesTest {
    private static final int N = 5;
    private static final int ROOT = 2;
    /** 1 MiB of ints, doubles and longs: above every threshold, in blocks far above a ring step's. */
    private static final int INTS = 1 << 18;
    private static final int WIDE = 1 << 17;
    private static final String[] OPS = {"Bcast", "Allgather", "Reduce", "Allreduce"};

    /** Messages a rank sends in each collective, in the order of OPS; asserts each result. */
    private static long[] runOnRank(ClientSession s) {
        Comm c = s.world();
        int r = c.rank();
        List<Runnable> ops = List.of(
                () -> {
                    int[] b = new int[INTS];
                    if (r == ROOT) {
                        for (int i = 0; i < INTS; i++) {
                            b[i] = 7 * i + 1;
                        }
                    }
                    c.Bcast(b, ROOT);
                    for (int i = 0; i < INTS; i += 997) {
                        assertEquals(7 * i + 1, b[i], "bcast element " + i);
                    }
                    assertEquals(7 * (INTS - 1) + 1, b[INTS - 1]);
                },
                () -> {
                    int part = INTS / N;
                    int[] mine = new int[part];
                    for (int i = 0; i < part; i++) {
                        mine[i] = r * 1_000_000 + i;
                    }
                    int[] all = new int[part * N];
                    c.Allgather(mine, all);
                    for (int q = 0; q < N; q++) {
                        for (int i = 0; i < part; i += 101) {
                            assertEquals(q * 1_000_000 + i, all[q * part + i], "allgather of rank " + q);
                        }
                    }
                },
                () -> {
                    long[] mine = new long[WIDE];
                    for (int i = 0; i < WIDE; i++) {
                        mine[i] = (long) (r + 1) * i;
                    }
                    long[] max = new long[WIDE];
                    c.Reduce(mine, max, MPI.MAX, ROOT);
                    if (r == ROOT) {
                        for (int i = 0; i < WIDE; i += 89) {
                            assertEquals((long) N * i, max[i], "reduce element " + i);
                        }
                    }
                },
                () -> {
                    double[] mine = new double[WIDE];
                    for (int i = 0; i < WIDE; i++) {
                        mine[i] = r + i % 100;
                    }
                    double[] sum = new double[WIDE];
                    c.Allreduce(mine, sum, MPI.SUM);
                    for (int i = 0; i < WIDE; i += 83) {
                        assertEquals(N * (N - 1) / 2.0 + N * (i % 100), sum[i], "allreduce element " + i);
                    }
                });
        long[] sent = new long[OPS.length];
        for (int i = 0; i < ops.size(); i++) {
            long before = s.data().messagesSent();
            ops.get(i).run();
            sent[i] = s.data().messagesSent() - before;
        }
        return sent;
    }

    /** What a rank sends in each large algorithm at N ranks. */
    private static long[] expected(int rank) {
        int rel = Math.floorMod(rank - ROOT, N);
        int span = rel == 0 ? Integer.highestOneBit(N - 1) << 1 : Integer.lowestOneBit(rel);
        int children = 0;
        for (int m = span >> 1; m >= 1; m >>= 1) {
            children += rel + m < N ? 1 : 0;
        }
        return new long[] {
            children + N - 1, // the blocks of its subtree to each child, then the ring
            N - 1, // the ring
            rank == ROOT ? N - 1 : N, // the reduce-scatter ring, then its block to the root
            2 * (N - 1) // reduce-scatter and allgather rings
        };
    }

    @Test
    void largeBuffersTakeTheRingAlgorithmsOnEveryRank() throws Exception {
        List<long[]> counted = RanksInJvm.run(N, "large-collectives", LargeCollectivesTest::runOnRank);
        for (int r = 0; r < N; r++) {
            assertArrayEquals(expected(r), counted.get(r), "messages sent by rank " + r + " in " + String.join(", ", OPS));
        }
    }
}
