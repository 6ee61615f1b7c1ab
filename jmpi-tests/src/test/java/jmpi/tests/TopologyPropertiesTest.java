package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import jmpi.Cartcomm;
import jmpi.MPI;
import jmpi.MPIException;
import org.junit.jupiter.api.Test;

/**
 * Compute_dims and Cartesian communicators at random shapes, against simple models: the row-major
 * numbering of a grid, and a shift that steps one coordinate and wraps or falls off the edge.
 */
class TopologyPropertiesTest {

    @Test
    void computedDimsMultiplyToTheNodesAndKeepTheGivenOnes() {
        qt().withExamples(2000).forAll(integers().between(1, 5000), integers().between(0, 5), longs().all())
                .checkAssert((nnodes, ndims, seed) -> {
                    Random random = new Random(seed);
                    int[] given = new int[ndims];
                    int left = nnodes;
                    for (int i = 0; i < ndims; i++) {
                        // now and then fix a dimension to a divisor of what is left
                        if (random.nextInt(3) == 0) {
                            int d = 1 + random.nextInt(left);
                            if (left % d == 0) {
                                given[i] = d;
                                left /= d;
                            }
                        }
                    }
                    boolean anyFree = false;
                    for (int g : given) {
                        anyFree |= g == 0;
                    }
                    if (!anyFree && left != 1) {
                        return;
                    }
                    int[] dims = MPI.Compute_dims(nnodes, given);
                    long product = 1;
                    int previousFree = Integer.MAX_VALUE;
                    for (int i = 0; i < ndims; i++) {
                        product *= dims[i];
                        if (given[i] != 0) {
                            assertEquals(given[i], dims[i], "a given extent is kept");
                        } else {
                            assertTrue(dims[i] <= previousFree, "computed extents are non-increasing");
                            previousFree = dims[i];
                        }
                    }
                    assertEquals(nnodes.longValue(), product);
                });
    }

    @Test
    void computedDimsAreAsCloseAsTheDivisorsAllow() {
        qt().withExamples(500).forAll(integers().between(1, 400), integers().between(1, 3))
                .checkAssert((nnodes, ndims) -> {
                    int[] dims = MPI.Compute_dims(nnodes, ndims);
                    assertEquals(leastSpread(nnodes, ndims, nnodes), dims[0] - dims[ndims - 1],
                            () -> nnodes + " in " + ndims + " dimensions: " + java.util.Arrays.toString(dims));
                });
        assertArrayEquals(new int[] {9, 8}, MPI.Compute_dims(72, 2));
        assertArrayEquals(new int[] {3, 2}, MPI.Compute_dims(6, 2));
        assertArrayEquals(new int[] {2, 3, 1}, MPI.Compute_dims(6, new int[] {2, 0, 0}));
        assertArrayEquals(new int[] {7, 1, 1}, MPI.Compute_dims(7, 3));
        assertArrayEquals(new int[0], MPI.Compute_dims(1, 0));
    }

    /** By brute force: the least spread between the largest and the smallest of k factors of m, each at most cap. */
    private static int leastSpread(int m, int k, int cap) {
        if (k == 1) {
            return m <= cap ? 0 : Integer.MAX_VALUE;
        }
        int best = Integer.MAX_VALUE;
        for (int d = 1; d <= Math.min(m, cap); d++) {
            if (m % d == 0) {
                int rest = largestSmallest(m / d, k - 1, d);
                if (rest != Integer.MAX_VALUE) {
                    best = Math.min(best, d - rest);
                }
            }
        }
        return best;
    }

    /** The largest possible smallest factor of k factors of m, each at most cap; MAX_VALUE if none. */
    private static int largestSmallest(int m, int k, int cap) {
        if (k == 1) {
            return m <= cap ? m : Integer.MAX_VALUE;
        }
        int best = Integer.MAX_VALUE;
        for (int d = 1; d <= Math.min(m, cap); d++) {
            if (m % d == 0) {
                int smallest = largestSmallest(m / d, k - 1, d);
                if (smallest != Integer.MAX_VALUE && (best == Integer.MAX_VALUE || smallest > best)) {
                    best = smallest;
                }
            }
        }
        return best;
    }

    @Test
    void badDimsAreRefused() {
        assertEquals(MPI.ERR_DIMS, refused(() -> MPI.Compute_dims(6, new int[] {4, 0})));
        assertEquals(MPI.ERR_DIMS, refused(() -> MPI.Compute_dims(6, new int[] {2, 2})));
        assertEquals(MPI.ERR_DIMS, refused(() -> MPI.Compute_dims(6, new int[] {-1, 0})));
        assertEquals(MPI.ERR_DIMS, refused(() -> MPI.Compute_dims(6, -1)));
        assertEquals(MPI.ERR_ARG, refused(() -> MPI.Compute_dims(0, 2)));
        assertEquals(MPI.ERR_ARG, refused(() -> MPI.Compute_dims(4, null)));
    }

    private static int refused(Runnable call) {
        try {
            call.run();
        } catch (MPIException e) {
            return e.errorClass();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void cartesianRanksCoordinatesAndShiftsMatchTheModel() {
        qt().withExamples(30).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            int ndim = random.nextInt(4);
            int[] dims = new int[ndim];
            boolean[] periods = new boolean[ndim];
            int product = 1;
            for (int i = 0; i < ndim; i++) {
                dims[i] = 1 + random.nextInt(Math.max(1, 6 / product));
                product *= dims[i];
                periods[i] = random.nextBoolean();
            }
            int grid = product;
            int size = grid + random.nextInt(2);
            boolean reorder = random.nextBoolean();
            try (InJvmJob job = InJvmJob.start(size, null)) {
                job.run((rank, s) -> {
                    Cartcomm cart = s.world().Create_cart(dims, periods, reorder);
                    if (rank >= grid) {
                        assertSame(MPI.COMM_NULL, cart);
                        return;
                    }
                    for (int r = 0; r < grid; r++) {
                        int[] coords = cart.coords(r);
                        assertArrayEquals(rowMajor(r, dims), coords);
                        assertEquals(r, cart.rank(coords));
                    }
                    int[] own = rowMajor(rank, dims);
                    for (int d = 0; d < ndim; d++) {
                        for (int disp = -3; disp <= 3; disp++) {
                            int[] expected = {step(own, d, -disp, dims, periods), step(own, d, disp, dims, periods)};
                            assertArrayEquals(expected, cart.Shift(d, disp), "direction " + d + " disp " + disp);
                        }
                    }
                    cart.Free();
                });
            } catch (Throwable e) {
                throw new AssertionError(e);
            }
        });
    }

    private static int[] rowMajor(int rank, int[] dims) {
        int[] c = new int[dims.length];
        for (int i = dims.length - 1; i >= 0; i--) {
            c[i] = rank % dims[i];
            rank /= dims[i];
        }
        return c;
    }

    /** The rank disp steps along d from c: wrapped when periodic, PROC_NULL off an open edge. */
    private static int step(int[] c, int d, int disp, int[] dims, boolean[] periods) {
        int to = c[d] + disp;
        if (!periods[d] && (to < 0 || to >= dims[d])) {
            return MPI.PROC_NULL;
        }
        int rank = 0;
        for (int i = 0; i < dims.length; i++) {
            int x = i == d ? Math.floorMod(to, dims[d]) : c[i];
            rank = rank * dims[i] + x;
        }
        return rank;
    }
}
