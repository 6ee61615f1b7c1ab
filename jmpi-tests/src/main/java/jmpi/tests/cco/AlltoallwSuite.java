package jmpi.tests.cco;

import static jmpi.tests.Check.fails;
import static jmpi.tests.TestBuffers.get;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.tests.RankSuite;
import jmpi.tests.RankTest;
import jmpi.tests.TestBuffers;
import jmpi.tests.TestBuffers.Kind;

/**
 * Alltoallw: one buffer per peer, each of its own element type and length, blocking and not; a
 * receive buffer of another type fails with ERR_TYPE and one too short with ERR_TRUNCATE, and the
 * communicator goes on working.
 */
public class AlltoallwSuite extends RankSuite {
    private static final List<Kind> NUMERIC = numeric();

    private static List<Kind> numeric() {
        List<Kind> k = new ArrayList<>();
        for (Kind kind : TestBuffers.ALL) {
            if (kind.numeric()) {
                k.add(kind);
            }
        }
        return List.copyOf(k);
    }

    /** The kind of buffer rank from sends to rank to: every pair its own, shifted by shift. */
    private static Kind kindOf(int from, int to, int shift) {
        return NUMERIC.get((3 * from + to + shift) % NUMERIC.size());
    }

    /** How many elements rank from sends to rank to: none for some pairs. */
    private static int lengthOf(int from, int to) {
        return (from + 2 * to) % 4;
    }

    private static long value(int from, int to, int i) {
        return 10 * from + to + i;
    }

    @RankTest
    public void testAlltoallw() {
        Comm c = comm();
        int n = c.size();
        int r = c.rank();
        for (int shift = 0; shift < NUMERIC.size(); shift += 5) {
            int s = shift;
            Object[] send = new Object[n];
            Object[] recv = new Object[n];
            for (int j = 0; j < n; j++) {
                int to = j;
                send[j] = kindOf(r, j, s).filled(lengthOf(r, j), i -> value(r, to, i));
                // one element more than due: the rest is left as it was
                recv[j] = kindOf(j, r, s).filled(lengthOf(j, r) + 1, i -> 99L);
            }
            if (shift % 2 == 0) {
                c.Alltoallw(send, recv);
            } else {
                c.Ialltoallw(send, recv).waitFor();
            }
            for (int i = 0; i < n; i++) {
                int len = lengthOf(i, r);
                for (int e = 0; e < len; e++) {
                    assertEquals(value(i, r, e), get(recv[i], e), kindOf(i, r, s) + " from rank " + i + " element " + e);
                }
                assertEquals(99L, get(recv[i], len), "past the message from rank " + i);
            }
        }
    }

    @RankTest
    public void testAlltoallwOfOneType() {
        // the plain case of mpi4py's tests: rank j gets a block of j + 1 ints holding the sender's rank
        Comm c = comm();
        int n = c.size();
        int r = c.rank();
        Object[] send = new Object[n];
        Object[] recv = new Object[n];
        for (int j = 0; j < n; j++) {
            int[] block = new int[r + 1];
            Arrays.fill(block, j);
            send[j] = block;
            recv[j] = new int[j + 1];
        }
        c.Alltoallw(send, recv);
        for (int i = 0; i < n; i++) {
            int[] got = (int[]) recv[i];
            for (int e = 0; e <= i; e++) {
                assertEquals(r, got[e], "from rank " + i);
            }
        }
    }

    @RankTest
    public void testBadBuffersFailAndTheCommGoesOn() {
        Comm c = comm();
        int n = c.size();
        int r = c.rank();
        fails(MPI.ERR_COUNT, () -> c.Alltoallw(new Object[n + 1], new Object[n]));
        fails(MPI.ERR_COUNT, () -> c.Alltoallw(ints(n, 1), null));
        Object[] notBuffers = ints(n, 1);
        notBuffers[n - 1] = "text";
        fails(MPI.ERR_BUFFER, () -> c.Alltoallw(notBuffers, ints(n, 1)));
        // every rank receives doubles from rank 0, which sends ints
        Object[] wrongType = ints(n, 1);
        wrongType[0] = new double[1];
        fails(MPI.ERR_TYPE, () -> c.Alltoallw(ints(n, 1), wrongType));
        // every rank receives three ints from rank 0 into room for two
        Object[] send = ints(n, r == 0 ? 3 : 1);
        Object[] shortRecv = ints(n, 1);
        shortRecv[0] = new int[2];
        fails(MPI.ERR_TRUNCATE, () -> c.Ialltoallw(send, shortRecv).waitFor());
        Object[] recv = ints(n, 1);
        c.Alltoallw(ints(n, 1, r), recv);
        for (int i = 0; i < n; i++) {
            assertEquals(i, ((int[]) recv[i])[0]);
        }
    }

    private static Object[] ints(int n, int len) {
        return ints(n, len, 0);
    }

    private static Object[] ints(int n, int len, int v) {
        Object[] a = new Object[n];
        for (int i = 0; i < n; i++) {
            int[] b = new int[len];
            Arrays.fill(b, v);
            a[i] = b;
        }
        return a;
    }
}
