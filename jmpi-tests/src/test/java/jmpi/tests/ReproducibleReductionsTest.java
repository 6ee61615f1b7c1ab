package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import java.util.Random;
import jmpi.MPI;
import jmpi.testing.MPITesting;
import org.junit.jupiter.api.Test;

/**
 * Floating-point reductions among the ranks fold in an order fixed by the number of ranks alone:
 * every rank gets the same bits, and a second run gives the same bits again, at powers of two and
 * at the sizes that fold their extra ranks first, by the small algorithms and round the ring.
 */
class ReproducibleReductionsTest {
    private static final int[] SIZES = {2, 3, 5, 6, 7, 8};

    /** Values whose sums depend on the order they are added in: magnitudes far apart, both signs. */
    private static double[][] data(long seed, int ranks, int count) {
        Random r = new Random(seed);
        double[][] d = new double[ranks][count];
        for (double[] row : d) {
            for (int i = 0; i < count; i++) {
                row[i] = r.nextGaussian() * Math.pow(10, r.nextInt(24) - 12);
            }
        }
        return d;
    }

    private static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Double.doubleToRawLongBits(v[i]);
        }
        return b;
    }

    /** Each rank's allreduce result, and (last) the root's reduce result, as bits. */
    private static List<long[][]> run(int n, double[][] d) {
        int count = d[0].length;
        int root = n - 1;
        return MPITesting.call(n, c -> {
            double[] all = new double[count];
            c.Allreduce(d[c.rank()], all, MPI.SUM);
            double[] toRoot = new double[count];
            c.Reduce(d[c.rank()], toRoot, MPI.SUM, root);
            return new long[][] {bits(all), c.rank() == root ? bits(toRoot) : null};
        });
    }

    private static void assertReproducible(int size, double[][] d) {
        List<long[][]> first = run(size, d);
        List<long[][]> second = run(size, d);
        for (int r = 0; r < size; r++) {
            assertArrayEquals(first.get(0)[0], first.get(r)[0], "allreduce at rank " + r + " of " + size);
            assertArrayEquals(first.get(r)[0], second.get(r)[0], "allreduce rerun at rank " + r);
        }
        assertArrayEquals(first.get(size - 1)[1], second.get(size - 1)[1], "reduce rerun at " + size);
    }

    @Test
    void sumsOfDoublesAreBitIdenticalOnEveryRankAndInEveryRun() {
        for (int size : SIZES) {
            qt().withExamples(4).forAll(integers().between(1, 40), longs().all())
                    .checkAssert((count, seed) -> assertReproducible(size, data(seed, size, count)));
        }
    }

    @Test
    void sumsRoundTheRingAreBitIdenticalOnEveryRankAndInEveryRun() {
        // the large algorithms, forced at small sizes, where blocks are a few elements or none
        System.setProperty("jmpi.coll.allreduce", "ring");
        System.setProperty("jmpi.coll.reduce", "reduce-scatter-gather");
        try {
            for (int size : SIZES) {
                qt().withExamples(4).forAll(integers().between(1, 40), longs().all())
                        .checkAssert((count, seed) -> assertReproducible(size, data(seed, size, count)));
            }
        } finally {
            System.clearProperty("jmpi.coll.allreduce");
            System.clearProperty("jmpi.coll.reduce");
        }
    }

    @Test
    void largeSumsTakeTheRingUnforcedAndAreBitIdentical() {
        // 320 KB of doubles per rank: above the table's threshold, so the ring runs without a name
        for (int size : new int[] {3, 5, 8}) {
            qt().withExamples(1).forAll(longs().all())
                    .checkAssert(seed -> assertReproducible(size, data(seed, size, 40_000)));
        }
    }
}
