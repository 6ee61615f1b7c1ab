package jmpi.tests.cco;

import static jmpi.tests.Check.fails;
import static jmpi.tests.TestBuffers.get;
import static jmpi.tests.TestBuffers.norm;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jmpi.Comm;
import jmpi.MPI;
import jmpi.Op;
import jmpi.tests.RankSuite;
import jmpi.tests.RankTest;
import jmpi.tests.TestBuffers;
import jmpi.tests.TestBuffers.Kind;

/** Collectives on buffers, every element type and backing, after mpi4py's test_cco_buf. */
public class CollectiveBufferSuite extends RankSuite {

    private static void expect(Kind k, Object buf, int i, long v) {
        assertEquals(norm(k, v), get(buf, i), () -> k + " element " + i);
    }

    @RankTest
    public void testBcast() {
        Comm c = comm();
        for (Kind k : TestBuffers.ALL) {
            for (int root = 0; root < c.size(); root++) {
                int r = root;
                Object buf = c.rank() == root ? k.filled(5, i -> (long) (i + r)) : k.make(5);
                c.Bcast(buf, root);
                for (int i = 0; i < 5; i++) {
                    expect(k, buf, i, i + root);
                }
            }
        }
    }

    @RankTest
    public void testGather() {
        Comm c = comm();
        int n = c.size();
        for (Kind k : TestBuffers.ALL) {
            for (int root = 0; root < n; root++) {
                Object send = k.filled(3, i -> (long) (c.rank() * 3 + i));
                Object recv = c.rank() == root ? k.make(3 * n) : null;
                c.Gather(send, recv, root);
                if (c.rank() == root) {
                    for (int i = 0; i < 3 * n; i++) {
                        expect(k, recv, i, i);
                    }
                }
                // in place: the root's part is already in its receive buffer
                Object recv2 = c.rank() == root ? k.filled(3 * n, i -> i / 3 == c.rank() ? (long) i : 0L) : null;
                c.Gather(c.rank() == root ? MPI.IN_PLACE : send, recv2, root);
                if (c.rank() == root) {
                    for (int i = 0; i < 3 * n; i++) {
                        expect(k, recv2, i, i);
                    }
                }
                // what the others sent is theirs still
                for (int i = 0; i < 3; i++) {
                    expect(k, send, i, c.rank() * 3L + i);
                }
            }
        }
    }

    @RankTest
    public void testScatter() {
        Comm c = comm();
        int n = c.size();
        for (Kind k : TestBuffers.ALL) {
            for (int root = 0; root < n; root++) {
                Object send = c.rank() == root ? k.filled(2 * n, i -> (long) i) : null;
                Object recv = k.make(2);
                c.Scatter(send, recv, root);
                expect(k, recv, 0, 2L * c.rank());
                expect(k, recv, 1, 2L * c.rank() + 1);
                // in place at the root: it keeps its chunk where it is, and its whole buffer as it was
                Object recv2 = k.make(2);
                c.Scatter(send, c.rank() == root ? MPI.IN_PLACE : recv2, root);
                if (c.rank() == root) {
                    for (int i = 0; i < 2 * n; i++) {
                        expect(k, send, i, i);
                    }
                } else {
                    expect(k, recv2, 0, 2L * c.rank());
                    expect(k, recv2, 1, 2L * c.rank() + 1);
                }
            }
        }
    }

    @RankTest
    public void testAllgather() {
        Comm c = comm();
        int n = c.size();
        for (Kind k : TestBuffers.ALL) {
            Object recv = k.make(2 * n);
            c.Allgather(k.filled(2, i -> (long) (c.rank() * 2 + i)), recv);
            for (int i = 0; i < 2 * n; i++) {
                expect(k, recv, i, i);
            }
            Object inPlace = k.filled(2 * n, i -> i / 2 == c.rank() ? (long) i : 0L);
            c.Allgather(MPI.IN_PLACE, inPlace);
            for (int i = 0; i < 2 * n; i++) {
                expect(k, inPlace, i, i);
            }
        }
    }

    @RankTest
    public void testAlltoall() {
        Comm c = comm();
        int n = c.size();
        for (Kind k : TestBuffers.ALL) {
            // element j goes to rank j, holding sender * 10 + j
            Object send = k.filled(n, j -> (long) (c.rank() * 10 + j));
            Object recv = k.make(n);
            c.Alltoall(send, recv);
            for (int i = 0; i < n; i++) {
                expect(k, recv, i, i * 10 + c.rank());
            }
            Object inPlace = k.filled(n, j -> (long) (c.rank() * 10 + j));
            c.Alltoall(MPI.IN_PLACE, inPlace);
            for (int i = 0; i < n; i++) {
                expect(k, inPlace, i, i * 10 + c.rank());
            }
        }
    }

    @RankTest
    public void testReduce() {
        Comm c = comm();
        int n = c.size();
        for (Kind k : TestBuffers.ALL) {
            if (!k.numeric()) {
                continue;
            }
            for (int root = 0; root < n; root++) {
                Object recv = c.rank() == root ? k.make(3) : null;
                c.Reduce(k.filled(3, i -> (long) (c.rank() + i)), recv, MPI.SUM, root);
                if (c.rank() == root) {
                    for (int i = 0; i < 3; i++) {
                        expect(k, recv, i, (long) n * (n - 1) / 2 + (long) n * i);
                    }
                }
                // in place at the root: its own values go in from the receive buffer, the result comes out there;
                // a rank's values differ by element, so a mixed-up element shows
                Object mine = k.filled(3, i -> (long) (c.rank() + i));
                c.Reduce(c.rank() == root ? MPI.IN_PLACE : mine, c.rank() == root ? mine : null, MPI.MAX, root);
                for (int i = 0; i < 3; i++) {
                    expect(k, mine, i, (c.rank() == root ? n - 1 : c.rank()) + i);
                }
            }
        }
    }

    @RankTest
    public void testAllreduce() {
        Comm c = comm();
        int n = c.size();
        for (Kind k : TestBuffers.ALL) {
            if (k.logical()) {
                Object recv = k.make(2);
                c.Allreduce(k.filled(2, i -> i == 0 ? 1L : (c.rank() == 0 ? 1L : 0L)), recv, MPI.LAND);
                expect(k, recv, 0, 1);
                expect(k, recv, 1, n == 1 ? 1 : 0);
                c.Allreduce(k.filled(2, i -> c.rank() == 0 ? 1L : 0L), recv, MPI.LOR);
                expect(k, recv, 0, 1);
                continue;
            }
            for (Op op : new Op[] {MPI.SUM, MPI.PROD, MPI.MAX, MPI.MIN}) {
                Object recv = k.make(4);
                c.Allreduce(k.filled(4, i -> (long) (c.rank() % 2 + 1)), recv, op);
                long expected = 0;
                for (int r = 0; r < n; r++) {
                    long v = r % 2 + 1;
                    expected = r == 0 ? v : op == MPI.SUM ? expected + v : op == MPI.PROD ? expected * v
                            : op == MPI.MAX ? Math.max(expected, v) : Math.min(expected, v);
                }
                for (int i = 0; i < 4; i++) {
                    expect(k, recv, i, expected);
                }
            }
            Object inPlace = k.filled(3, i -> (long) i);
            c.Allreduce(MPI.IN_PLACE, inPlace, MPI.SUM);
            for (int i = 0; i < 3; i++) {
                expect(k, inPlace, i, (long) i * n);
            }
            // a receive buffer larger than the message keeps its tail
            Object big = k.filled(5, i -> 9L);
            c.Allreduce(k.filled(2, i -> 1L), big, MPI.SUM);
            expect(k, big, 1, n);
            expect(k, big, 4, 9);
        }
    }

    /** MINLOC/MAXLOC read (value, index) pairs, as MPI's paired types; ties keep the lower index. */
    @RankTest
    public void testMinlocMaxlocPairs() {
        Comm c = comm();
        int n = c.size();
        int me = c.rank();
        for (Kind k : TestBuffers.ALL) {
            Object probe = k.make(1);
            boolean pairs = k.numeric() && !(probe instanceof byte[] || probe instanceof java.nio.ByteBuffer
                    || probe instanceof char[] || probe instanceof java.nio.CharBuffer);
            // pair 0: (rank % 2, rank); pair 1: (size - rank, rank)
            Object send = k.filled(4, i -> i == 0 ? (long) (me % 2) : i == 2 ? (long) (n - me) : (long) me);
            if (!pairs) {
                fails(MPI.ERR_OP, () -> c.Allreduce(send, k.make(4), MPI.MINLOC));
                continue;
            }
            Object min = k.make(4);
            c.Allreduce(send, min, MPI.MINLOC);
            expect(k, min, 0, 0);
            expect(k, min, 1, 0);
            expect(k, min, 2, 1);
            expect(k, min, 3, n - 1);
            Object max = k.make(4);
            c.Reduce(send, max, MPI.MAXLOC, n - 1);
            if (me == n - 1) {
                expect(k, max, 0, n > 1 ? 1 : 0);
                expect(k, max, 1, n > 1 ? 1 : 0);
                expect(k, max, 2, n);
                expect(k, max, 3, 0);
            }
            fails(MPI.ERR_COUNT, () -> c.Allreduce(k.make(3), k.make(3), MPI.MAXLOC));
        }
    }

    @RankTest
    public void testSeedExample() {
        byte[] buffer = new byte[10];
        comm().Allreduce(MPI.IN_PLACE, buffer, MPI.SUM);
        assertArrayEquals(new byte[10], buffer);
        buffer[3] = 1;
        comm().Allreduce(MPI.IN_PLACE, buffer, MPI.SUM);
        byte[] expected = new byte[10];
        expected[3] = (byte) comm().size();
        assertArrayEquals(expected, buffer);
    }

    @RankTest
    public void testOpThatDoesNotFit() {
        Comm c = comm();
        fails(MPI.ERR_OP, () -> c.Allreduce(new double[2], new double[2], MPI.BAND));
        fails(MPI.ERR_OP, () -> c.Allreduce(new boolean[2], new boolean[2], MPI.SUM));
        fails(MPI.ERR_OP, () -> c.Allreduce(new float[2], new float[2], MPI.LXOR));
        // the communicator goes on
        int[] ok = {1};
        c.Allreduce(MPI.IN_PLACE, ok, MPI.SUM);
        assertEquals(c.size(), ok[0]);
    }

    @RankTest
    public void testBadBuffers() {
        Comm c = comm();
        fails(MPI.ERR_BUFFER, () -> c.Bcast("not a buffer", 0));
        fails(MPI.ERR_BUFFER, () -> c.Allreduce(new Object[1], new int[1], MPI.SUM));
        fails(MPI.ERR_BUFFER, () -> c.Allreduce(new int[1], null, MPI.SUM));
        fails(MPI.ERR_BUFFER, () -> c.Allreduce(MPI.IN_PLACE, MPI.IN_PLACE, MPI.SUM));
        fails(MPI.ERR_TYPE, () -> c.Allreduce(new int[1], new long[1], MPI.SUM));
        fails(MPI.ERR_TRUNCATE, () -> c.Allreduce(new int[3], new int[2], MPI.SUM));
        fails(MPI.ERR_ROOT, () -> c.Bcast(new int[1], c.size()));
        if (c.size() > 1) {
            fails(MPI.ERR_COUNT, () -> c.Alltoall(new int[c.size() + 1], new int[c.size() + 1]));
        }
        // nothing was sent
        int[] ok = {2};
        c.Allreduce(MPI.IN_PLACE, ok, MPI.SUM);
        assertEquals(2 * c.size(), ok[0]);
    }

    @RankTest
    public void testNonBlocking() {
        Comm c = comm();
        int n = c.size();
        int[] a = {c.rank()};
        double[] b = new double[n];
        long[] d = c.rank() == 0 ? new long[] {7, 8} : new long[2];
        var r1 = c.Iallreduce(MPI.IN_PLACE, a, MPI.SUM);
        var r2 = c.Iallgather(new double[] {c.rank()}, b);
        var r3 = c.Ibcast(d, 0);
        r3.waitFor();
        r2.waitFor();
        r1.waitFor();
        assertEquals(n * (n - 1) / 2, a[0]);
        for (int i = 0; i < n; i++) {
            assertEquals(i, b[i]);
        }
        assertEquals(8, d[1]);
    }
}
