package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import jmpi.MPI;
import jmpi.testing.MPITesting;
import org.junit.jupiter.api.Test;

/** Collectives at random sizes with random data, many ranks in this JVM, checked against a local model. */
class CollectivePropertiesTest {

    private static int[][] data(long seed, int ranks, int count) {
        Random r = new Random(seed);
        int[][] d = new int[ranks][count];
        for (int[] row : d) {
            for (int i = 0; i < count; i++) {
                row[i] = r.nextInt(2001) - 1000;
            }
        }
        return d;
    }

    @Test
    void allreduceIsTheElementWiseFold() {
        qt().withExamples(15).forAll(integers().between(1, 6), integers().between(0, 50), longs().all())
                .checkAssert((n, count, seed) -> {
                    int[][] d = data(seed, n, count);
                    int[] sum = new int[count];
                    int[] max = new int[count];
                    java.util.Arrays.fill(max, Integer.MIN_VALUE);
                    for (int[] row : d) {
                        for (int i = 0; i < count; i++) {
                            sum[i] += row[i];
                            max[i] = Math.max(max[i], row[i]);
                        }
                    }
                    MPITesting.run(n, c -> {
                        int[] got = new int[count];
                        c.Allreduce(d[c.rank()], got, MPI.SUM);
                        assertArrayEquals(sum, got);
                        int[] objMax = c.allreduce(d[c.rank()], MPI.MAX);
                        assertArrayEquals(max, objMax);
                    });
                });
    }

    @Test
    void alltoallTransposesAndGatherKeepsRankOrder() {
        qt().withExamples(15).forAll(integers().between(1, 6), integers().between(1, 4), longs().all())
                .checkAssert((n, chunk, seed) -> {
                    int[][] d = data(seed, n, n * chunk);
                    MPITesting.run(n, c -> {
                        int me = c.rank();
                        int[] got = new int[n * chunk];
                        c.Alltoall(d[me], got);
                        for (int src = 0; src < n; src++) {
                            for (int k = 0; k < chunk; k++) {
                                assertEquals(d[src][me * chunk + k], got[src * chunk + k]);
                            }
                        }
                        List<int[]> rows = c.allgather(d[me]);
                        for (int src = 0; src < n; src++) {
                            assertArrayEquals(d[src], rows.get(src));
                        }
                    });
                });
    }

    @Test
    void pointToPointKeepsOrderPerSender() {
        qt().withExamples(10).forAll(integers().between(2, 5), integers().between(1, 40), longs().all())
                .checkAssert((n, messages, seed) -> MPITesting.run(n, c -> {
                    // every rank sends to every other rank a numbered stream with random tags
                    Random r = new Random(seed + c.rank());
                    for (int k = 0; k < messages; k++) {
                        for (int dest = 0; dest < n; dest++) {
                            if (dest != c.rank()) {
                                c.send(k, dest, r.nextInt(3));
                            }
                        }
                    }
                    List<List<Integer>> seen = new ArrayList<>();
                    for (int src = 0; src < n; src++) {
                        seen.add(new ArrayList<>());
                    }
                    for (int k = 0; k < messages * (n - 1); k++) {
                        var req = c.<Integer>irecv(MPI.ANY_SOURCE, MPI.ANY_TAG);
                        int v = req.waitFor();
                        seen.get(req.status().source()).add(v);
                    }
                    for (int src = 0; src < n; src++) {
                        if (src != c.rank()) {
                            assertEquals(java.util.stream.IntStream.range(0, messages).boxed().toList(), seen.get(src));
                        }
                    }
                }));
    }
}
