package jmpi.tests.cco;

import static jmpi.tests.Check.fails;
import static jmpi.tests.TestBuffers.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.function.LongBinaryOperator;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.Op;
import jmpi.tests.RankSuite;
import jmpi.tests.RankTest;
import jmpi.tests.TestBuffers;
import jmpi.tests.TestBuffers.Kind;

/**
 * Reduce_scatter and Reduce_scatter_block on every numeric buffer kind and op, blocking and not, in
 * place and not (after mpi4py's test_cco_buf.py), against a sequential fold over the ranks; and the
 * bad counts and buffers, after which the communicator goes on working.
 */
public class ReduceScatterSuite extends RankSuite {
    private static final Op[] ARITHMETIC = {MPI.SUM, MPI.PROD, MPI.MAX, MPI.MIN};

    /** What rank r contributes at element i: 1 or 2, so that a product over five ranks fits a byte. */
    private static long contribution(int r, int i) {
        return (r + 2 * i) % 3 == 0 ? 2 : 1;
    }

    /** The fold, in rank order, of every rank's contribution at element i. */
    private static long folded(Op op, int size, int i) {
        LongBinaryOperator f = op == MPI.SUM ? Long::sum : op == MPI.PROD ? (a, b) -> a * b
                : op == MPI.MAX ? Math::max : Math::min;
        long acc = contribution(0, i);
        for (int r = 1; r < size; r++) {
            acc = f.applyAsLong(acc, contribution(r, i));
        }
        return acc;
    }

    @RankTest
    public void testReduceScatterBlock() {
        Comm c = comm();
        int n = c.size();
        int r = c.rank();
        for (Kind k : TestBuffers.ALL) {
            if (!k.numeric()) {
                continue;
            }
            for (Op op : ARITHMETIC) {
                for (int count = 0; count <= n; count++) {
                    Object recv = k.filled(count, i -> -1L);
                    Object send = k.filled(count * n, i -> contribution(r, i));
                    if (count % 2 == 0) {
                        c.Reduce_scatter_block(send, recv, op);
                    } else {
                        c.Ireduce_scatter_block(send, recv, op).waitFor();
                    }
                    for (int i = 0; i < count; i++) {
                        assertEquals(folded(op, n, r * count + i), get(recv, i), k + " " + op + " count " + count
                                + " element " + i);
                    }
                }
            }
        }
    }

    @RankTest
    public void testReduceScatterBlockInPlace() {
        Comm c = comm();
        int n = c.size();
        int r = c.rank();
        for (Kind k : TestBuffers.ALL) {
            if (!k.numeric()) {
                continue;
            }
            for (Op op : ARITHMETIC) {
                int count = 2;
                Object inout = k.filled(count * n, i -> contribution(r, i));
                c.Reduce_scatter_block(MPI.IN_PLACE, inout, op);
                for (int i = 0; i < count * n; i++) {
                    // this rank's block lands at the start; the rest keeps the input
                    long expected = i < count ? folded(op, n, r * count + i) : contribution(r, i);
                    assertEquals(expected, get(inout, i), k + " " + op + " in place, element " + i);
                }
            }
        }
    }

    /** mpi4py's counts: rank i gets i + 1 elements. */
    private static int[] rising(int n) {
        int[] counts = new int[n];
        for (int i = 0; i < n; i++) {
            counts[i] = i + 1;
        }
        return counts;
    }

    private static int start(int[] counts, int rank) {
        int s = 0;
        for (int i = 0; i < rank; i++) {
            s += counts[i];
        }
        return s;
    }

    @RankTest
    public void testReduceScatter() {
        Comm c = comm();
        int n = c.size();
        int r = c.rank();
        int[] counts = rising(n);
        int total = start(counts, n);
        for (Kind k : TestBuffers.ALL) {
            if (!k.numeric()) {
                continue;
            }
            for (Op op : ARITHMETIC) {
                for (int mode = 0; mode < 3; mode++) {
                    Object recv = k.filled(total, i -> 7L);
                    Object send = k.filled(total, i -> contribution(r, i));
                    if (mode == 0) {
                        c.Reduce_scatter(send, recv, counts, op);
                    } else if (mode == 1) {
                        c.Ireduce_scatter(send, recv, counts, op).waitFor();
                    } else {
                        recv = send;
                        c.Reduce_scatter(MPI.IN_PLACE, recv, counts, op);
                    }
                    int from = start(counts, r);
                    for (int i = 0; i < total; i++) {
                        long untouched = mode == 2 ? contribution(r, i) : 7;
                        long expected = i < counts[r] ? folded(op, n, from + i) : untouched;
                        assertEquals(TestBuffers.norm(k, expected), get(recv, i), k + " " + op + " mode " + mode
                                + " element " + i);
                    }
                }
            }
        }
    }

    @RankTest
    public void testReduceScatterWithEmptyBlocks() {
        Comm c = comm();
        int n = c.size();
        int r = c.rank();
        // only the last rank gets anything: every other block is empty
        int[] counts = new int[n];
        counts[n - 1] = 3;
        double[] recv = new double[3];
        c.Reduce_scatter(new double[] {r, 2 * r, 3 * r}, recv, counts, MPI.SUM);
        if (r == n - 1) {
            double s = n * (n - 1) / 2.0;
            assertArrayEquals(new double[] {s, 2 * s, 3 * s}, recv);
        } else {
            assertArrayEquals(new double[3], recv);
        }
    }

    @RankTest
    public void testBitwiseAndLogicalOps() {
        Comm c = comm();
        int n = c.size();
        int r = c.rank();
        int[] send = new int[2 * n];
        for (int i = 0; i < send.length; i++) {
            send[i] = 1 << ((r + i) % 5) | (i % 2);
        }
        for (Op op : new Op[] {MPI.BAND, MPI.BOR, MPI.BXOR, MPI.LAND, MPI.LOR, MPI.LXOR}) {
            int[] got = new int[2];
            c.Reduce_scatter_block(send, got, op);
            for (int i = 0; i < 2; i++) {
                int at = 2 * r + i;
                long acc = 1 << (at % 5) | (at % 2);
                for (int q = 1; q < n; q++) {
                    long v = 1 << ((q + at) % 5) | (at % 2);
                    acc = op == MPI.BAND ? acc & v : op == MPI.BOR ? acc | v : op == MPI.BXOR ? acc ^ v
                            : op == MPI.LAND ? (acc != 0 && v != 0 ? 1 : 0)
                            : op == MPI.LOR ? (acc != 0 || v != 0 ? 1 : 0) : ((acc != 0) ^ (v != 0) ? 1 : 0);
                }
                assertEquals(acc, got[i], op + " element " + at);
            }
        }
    }

    @RankTest
    public void testLocAndRankOrderOps() {
        Comm c = comm();
        int n = c.size();
        int r = c.rank();
        // MINLOC/MAXLOC on whole (value, index) pairs: rank r offers value (r + k) % 3 at pair k
        int pairs = n;
        int[] send = new int[2 * pairs];
        for (int k = 0; k < pairs; k++) {
            send[2 * k] = (r + k) % 3;
            send[2 * k + 1] = r;
        }
        int[] counts = new int[n];
        Arrays.fill(counts, 2);
        for (Op op : new Op[] {MPI.MINLOC, MPI.MAXLOC}) {
            int[] got = new int[2];
            c.Reduce_scatter(send, got, counts, op);
            int best = 0;
            for (int q = 1; q < n; q++) {
                int v = (q + r) % 3;
                int b = (best + r) % 3;
                if (op == MPI.MINLOC ? v < b : v > b) {
                    best = q;
                }
            }
            assertArrayEquals(new int[] {(best + r) % 3, best}, got, op + " at pair " + r);
        }
        // REPLACE keeps the last rank's elements, NO_OP the first's
        long[] mine = new long[n];
        Arrays.fill(mine, 100 + r);
        long[] got = new long[1];
        c.Reduce_scatter_block(mine, got, MPI.REPLACE);
        assertEquals(100 + n - 1, got[0]);
        got[0] = 0;
        c.Reduce_scatter_block(mine, got, MPI.NO_OP);
        assertEquals(100, got[0]);
        int[] ones = new int[n];
        Arrays.fill(ones, 1);
        got[0] = 0;
        c.Ireduce_scatter(mine, got, ones, MPI.REPLACE).waitFor();
        assertEquals(100 + n - 1, got[0]);
    }

    @RankTest
    public void testBadCountsAndBuffersFailAndTheCommGoesOn() {
        Comm c = comm();
        int n = c.size();
        int r = c.rank();
        int[] ones = new int[n];
        Arrays.fill(ones, 1);
        fails(MPI.ERR_COUNT, () -> c.Reduce_scatter(new int[n + 1], new int[1], ones, MPI.SUM));
        int[] negative = ones.clone();
        negative[0] = -1;
        fails(MPI.ERR_COUNT, () -> c.Reduce_scatter(new int[n], new int[1], negative, MPI.SUM));
        fails(MPI.ERR_COUNT, () -> c.Reduce_scatter(new int[n], new int[1], new int[n + 1], MPI.SUM));
        fails(MPI.ERR_COUNT, () -> c.Reduce_scatter(new int[n], new int[1], null, MPI.SUM));
        int[] two = new int[n];
        Arrays.fill(two, 2);
        fails(MPI.ERR_BUFFER, () -> c.Reduce_scatter(new int[2 * n], new int[1], two, MPI.SUM));
        fails(MPI.ERR_BUFFER, () -> c.Reduce_scatter(MPI.IN_PLACE, new int[n], two, MPI.SUM));
        fails(MPI.ERR_TYPE, () -> c.Reduce_scatter(new int[n], new long[1], ones, MPI.SUM));
        fails(MPI.ERR_OP, () -> c.Reduce_scatter(new int[n], new int[1], ones, null));
        fails(MPI.ERR_COUNT, () -> c.Reduce_scatter(new int[n], new int[1], ones, MPI.MINLOC));
        fails(MPI.ERR_COUNT, () -> c.Reduce_scatter_block(new int[n + 1], new int[1], MPI.SUM));
        if (n > 1) {
            // at one rank every length is a whole number of blocks
            fails(MPI.ERR_COUNT, () -> c.Reduce_scatter_block(MPI.IN_PLACE, new int[n + 1], MPI.SUM));
        }
        fails(MPI.ERR_BUFFER, () -> c.Ireduce_scatter_block("not a buffer", new int[1], MPI.SUM));
        fails(MPI.ERR_BUFFER, () -> c.Reduce_scatter_block(new int[n], null, MPI.SUM));
        // MINLOC needs pairs of a type that has them
        fails(MPI.ERR_OP, () -> c.Reduce_scatter_block(new byte[2 * n], new byte[2], MPI.MINLOC));
        // every rank failed alike before anything was sent: the next call works
        int[] got = new int[1];
        c.Reduce_scatter(filled(n, r + 1), got, ones, MPI.SUM);
        assertEquals(n * (n + 1) / 2, got[0]);
    }

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }
}
