package jmpi.tests.cco;

import static jmpi.tests.Check.fails;
import static jmpi.tests.TestBuffers.get;
import static jmpi.tests.TestBuffers.norm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.function.LongBinaryOperator;
import jmpi.Comm;
import jmpi.Loc;
import jmpi.MPI;
import jmpi.Op;
import jmpi.tests.RankSuite;
import jmpi.tests.RankTest;
import jmpi.tests.TestBuffers;
import jmpi.tests.TestBuffers.Kind;

/** Prefix reductions, scan and exscan, on objects and buffers, against a sequential fold over the ranks. */
public class ScanSuite extends RankSuite {

    /** What rank r contributes at element i: 1 or 2, so that a product over five ranks fits a byte. */
    private static long contribution(int r, int i) {
        return (r + i) % 2 + 1;
    }

    /** The fold, in rank order, of ranks [0, upTo) at element i. */
    private static long prefix(Op op, int upTo, int i) {
        LongBinaryOperator f = op == MPI.SUM ? Long::sum : op == MPI.PROD ? (a, b) -> a * b
                : op == MPI.MAX ? Math::max : Math::min;
        long acc = contribution(0, i);
        for (int r = 1; r < upTo; r++) {
            acc = f.applyAsLong(acc, contribution(r, i));
        }
        return acc;
    }

    @RankTest
    public void testScanObjects() {
        Comm c = comm();
        int r = c.rank();
        assertEquals(r * (r + 1) / 2, (int) c.<Integer>scan(r));
        assertEquals((long) r * (r + 1) / 2, (long) c.<Long>iscan((long) r, MPI.SUM).waitFor());
        // non-commutative: concatenation in rank order
        StringBuilder expected = new StringBuilder();
        for (int q = 0; q <= r; q++) {
            expected.append(q);
        }
        assertEquals(expected.toString(), c.scan(String.valueOf(r), MPI.SUM));
        // plain values are indexed by rank; ties go to the lowest
        assertEquals(new Loc<>(r == 0 ? 0 : 1, r == 0 ? 0 : 1), c.scan(r % 2, MPI.MAXLOC));
        assertEquals(new Loc<>(c.size(), 0), c.scan(c.size() - r, MPI.MAXLOC));
        fails(MPI.ERR_OP, () -> c.scan(1, null));
    }

    @RankTest
    public void testExscanObjects() {
        Comm c = comm();
        int r = c.rank();
        Integer sum = c.exscan(r + 1);
        if (r == 0) {
            assertNull(sum);
        } else {
            assertEquals(r * (r + 1) / 2, (int) sum);
        }
        Integer max = c.<Integer>iexscan(r, MPI.MAX).waitFor();
        assertEquals(r == 0 ? null : r - 1, max);
    }

    @RankTest
    public void testScanBuffers() {
        Comm c = comm();
        int r = c.rank();
        for (Kind k : TestBuffers.ALL) {
            if (!k.numeric()) {
                continue;
            }
            for (Op op : new Op[] {MPI.SUM, MPI.PROD, MPI.MAX, MPI.MIN}) {
                Object recv = k.make(3);
                c.Scan(k.filled(3, i -> contribution(r, i)), recv, op);
                for (int i = 0; i < 3; i++) {
                    assertEquals(norm(k, prefix(op, r + 1, i)), get(recv, i), k + " " + op + " element " + i);
                }
            }
            // in place: the receive buffer holds this rank's contribution and gets the result
            Object inout = k.filled(2, i -> contribution(r, i));
            c.Iscan(MPI.IN_PLACE, inout, MPI.SUM).waitFor();
            for (int i = 0; i < 2; i++) {
                assertEquals(norm(k, prefix(MPI.SUM, r + 1, i)), get(inout, i), k + " in place, element " + i);
            }
        }
    }

    @RankTest
    public void testExscanBuffers() {
        Comm c = comm();
        int r = c.rank();
        for (Kind k : TestBuffers.ALL) {
            if (!k.numeric()) {
                continue;
            }
            Object recv = k.filled(3, i -> 99L);
            c.Exscan(k.filled(3, i -> contribution(r, i)), recv, MPI.SUM);
            for (int i = 0; i < 3; i++) {
                long expected = r == 0 ? 99 : prefix(MPI.SUM, r, i);
                assertEquals(norm(k, expected), get(recv, i), k + " element " + i);
            }
            Object inout = k.filled(2, i -> contribution(r, i));
            c.Iexscan(MPI.IN_PLACE, inout, MPI.MAX).waitFor();
            for (int i = 0; i < 2; i++) {
                long expected = r == 0 ? contribution(0, i) : prefix(MPI.MAX, r, i);
                assertEquals(norm(k, expected), get(inout, i), k + " in place, element " + i);
            }
        }
    }

    @RankTest
    public void testScanRefusesMismatchedBuffers() {
        Comm c = comm();
        fails(MPI.ERR_TYPE, () -> c.Scan(new int[2], new double[2], MPI.SUM));
        fails(MPI.ERR_TRUNCATE, () -> c.Scan(new int[3], new int[2], MPI.SUM));
        fails(MPI.ERR_BUFFER, () -> c.Exscan(new int[2], "not a buffer", MPI.SUM));
    }
}
