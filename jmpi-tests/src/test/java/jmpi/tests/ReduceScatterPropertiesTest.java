package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.Random;
import jmpi.Config;
import jmpi.MPI;
import jmpi.Op;
import org.junit.jupiter.api.Test;

/**
 * Reduce_scatter at random sizes, counts, data and ops, on both planes and by each algorithm among
 * the ranks, against a sequential model: the element-wise fold in rank order, cut at the counts.
 * Doubles fold in an order fixed by the number of ranks: a rerun gives the same bits.
 */
class ReduceScatterPropertiesTest {
    private static final Op[] OPS = Op.values();

    /** The sequential model of one op on ints: a before b in rank order; MINLOC/MAXLOC on (value, index) pairs. */
    private static int[] fold(Op op, int[] a, int[] b) {
        int[] out = a.clone();
        if (op == MPI.MINLOC || op == MPI.MAXLOC) {
            for (int i = 0; i + 1 < a.length; i += 2) {
                boolean better = op == MPI.MINLOC ? b[i] < a[i] : b[i] > a[i];
                if (better || b[i] == a[i] && b[i + 1] < a[i + 1]) {
                    out[i] = b[i];
                    out[i + 1] = b[i + 1];
                }
            }
            return out;
        }
        for (int i = 0; i < a.length; i++) {
            int x = a[i];
            int y = b[i];
            out[i] = switch (op.name()) {
                case "SUM" -> x + y;
                case "PROD" -> x * y;
                case "MAX" -> Math.max(x, y);
                case "MIN" -> Math.min(x, y);
                case "BAND" -> x & y;
                case "BOR" -> x | y;
                case "BXOR" -> x ^ y;
                case "LAND" -> x != 0 && y != 0 ? 1 : 0;
                case "LOR" -> x != 0 || y != 0 ? 1 : 0;
                case "LXOR" -> (x != 0) != (y != 0) ? 1 : 0;
                case "REPLACE" -> y;
                case "NO_OP" -> x;
                default -> throw new AssertionError(op);
            };
        }
        return out;
    }

    private static void check(int n, Op op, long seed, String data) throws Throwable {
        Random random = new Random(seed);
        boolean pairs = op == MPI.MINLOC || op == MPI.MAXLOC;
        int[] counts = new int[n];
        for (int i = 0; i < n; i++) {
            counts[i] = pairs ? 2 * random.nextInt(3) : random.nextInt(5);
        }
        int total = Arrays.stream(counts).sum();
        int[][] d = new int[n][total];
        for (int[] row : d) {
            for (int i = 0; i < total; i++) {
                // few distinct values, so that MINLOC/MAXLOC meet ties and logical ops meet zeros
                row[i] = random.nextInt(7) - 3;
            }
        }
        int[] expected = d[0];
        for (int r = 1; r < n; r++) {
            expected = fold(op, expected, d[r]);
        }
        int[] model = expected;
        try (InJvmJob job = InJvmJob.start(n, data)) {
            job.run((rank, s) -> {
                int from = Arrays.stream(counts, 0, rank).sum();
                int[] got = new int[counts[rank]];
                s.world().Reduce_scatter(d[rank], got, counts, op);
                assertArrayEquals(Arrays.copyOfRange(model, from, from + counts[rank]), got,
                        op + " at rank " + rank + " of " + n + ", counts " + Arrays.toString(counts));
                if (total % n == 0 && !pairs) {
                    int[] block = new int[total / n];
                    s.world().Ireduce_scatter_block(d[rank], block, op).waitFor();
                    int at = rank * block.length;
                    assertArrayEquals(Arrays.copyOfRange(model, at, at + block.length), block, op + " block");
                }
            });
        }
    }

    private static void forAllShapes(String data) {
        qt().withExamples(40).forAll(integers().between(1, 6), integers().between(0, OPS.length - 1), longs().all())
                .checkAssert((n, op, seed) -> {
                    try {
                        check(n, OPS[op], seed, data);
                    } catch (Throwable e) {
                        throw new AssertionError(e);
                    }
                });
    }

    @Test
    void amongTheRanksItIsTheFoldCutAtTheCounts() {
        forAllShapes(Config.DATA_DIRECT);
    }

    @Test
    void eachAlgorithmForcedOnEveryOpGivesTheSame() {
        // ring and recursive halving pass the ops that keep rank order on to the binomial algorithm
        for (String algorithm : new String[] {"ring", "recursive-halving", "binomial"}) {
            System.setProperty("jmpi.coll.reduce_scatter", algorithm);
            try {
                forAllShapes(Config.DATA_DIRECT);
            } finally {
                System.clearProperty("jmpi.coll.reduce_scatter");
            }
        }
    }

    @Test
    void throughTheCoordinatorItIsTheFoldCutAtTheCounts() {
        forAllShapes(Config.DATA_COORDINATOR);
    }

    /** Every rank's block of a sum of doubles, as bits. */
    private static long[][] doubleBlocks(int n, double[][] d, int block) throws Throwable {
        long[][] bits = new long[n][];
        try (InJvmJob job = InJvmJob.start(n, Config.DATA_DIRECT)) {
            job.run((rank, s) -> {
                double[] got = new double[block];
                s.world().Reduce_scatter_block(d[rank], got, MPI.SUM);
                bits[rank] = Arrays.stream(got).mapToLong(Double::doubleToRawLongBits).toArray();
            });
        }
        return bits;
    }

    @Test
    void sumsOfDoublesGiveTheSameBitsInEveryRun() {
        for (String algorithm : new String[] {"ring", "recursive-halving"}) {
            System.setProperty("jmpi.coll.reduce_scatter", algorithm);
            try {
                sumsOfDoublesRepeat();
            } finally {
                System.clearProperty("jmpi.coll.reduce_scatter");
            }
        }
    }

    private static void sumsOfDoublesRepeat() {
        qt().withExamples(10).forAll(integers().between(2, 7), integers().between(1, 9), longs().all())
                .checkAssert((n, block, seed) -> {
                    Random random = new Random(seed);
                    double[][] d = new double[n][n * block];
                    for (double[] row : d) {
                        for (int i = 0; i < row.length; i++) {
                            row[i] = random.nextGaussian() * Math.pow(10, random.nextInt(24) - 12);
                        }
                    }
                    try {
                        long[][] first = doubleBlocks(n, d, block);
                        long[][] second = doubleBlocks(n, d, block);
                        for (int r = 0; r < n; r++) {
                            assertArrayEquals(first[r], second[r], "rerun at rank " + r + " of " + n);
                        }
                    } catch (Throwable e) {
                        throw new AssertionError(e);
                    }
                });
    }
}
