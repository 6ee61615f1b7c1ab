package jmpi.tests.cco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Op;
import jmpi.tests.Check;
import jmpi.tests.ops.UserOps;
import org.junit.jupiter.api.function.Executable;

/**
 * User reduce operations in every collective that takes an op, rank-agnostic: among the ranks they give
 * the sequential fold in rank order; through the coordinator they fail with ERR_OP naming the op and
 * the next collective works. Run in one JVM and under jmpirun ({@code jmpi.tests.programs.UserOpJob}).
 */
public final class UserOpCases {
    private UserOpCases() {
    }

    /** Every case among the ranks. */
    public static void onTheRanks(Comm c) {
        sumAsMpi4pyCreatesIt(c);
        concatenationKeepsRankOrder(c);
        affineMapsKeepRankOrder(c);
    }

    /** On a communicator of one rank, whose reductions fold nothing, on either plane: as mpi4py runs testCreate on COMM_SELF. */
    public static void onOneRank(Comm self) {
        sumAsMpi4pyCreatesIt(self);
        concatenationKeepsRankOrder(self);
        affineMapsKeepRankOrder(self);
    }

    /** mpi4py's test_op.testCreate: a user sum, commutative or not, over 0 to 3 ints, then Reduce_local. */
    static void sumAsMpi4pyCreatesIt(Comm c) {
        int size = c.size();
        int rank = c.rank();
        for (boolean commute : new boolean[] {true, false}) {
            for (int n = 0; n < 4; n++) {
                Op myop = UserOps.sum(commute);
                assertTrue(!myop.is_predefined() && myop.Is_commutative() == commute);
                int[] a = new int[n];
                for (int i = 0; i < n; i++) {
                    a[i] = i * (rank + 1);
                }
                int[] b = new int[n];
                c.Allreduce(a, b, myop);
                int scale = size * (size + 1) / 2;
                for (int i = 0; i < n; i++) {
                    assertEquals(scale * i, b[i]);
                }
                myop.Reduce_local(a, b);
                for (int i = 0; i < n; i++) {
                    assertEquals(a[i] + scale * i, b[i]);
                }
                // the same op on arrays passed as objects
                assertArrayEquals(sums(n, size), (int[]) c.allreduce(a, myop));
            }
        }
    }

    private static int[] sums(int n, int size) {
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = i * size * (size + 1) / 2;
        }
        return s;
    }

    static void concatenationKeepsRankOrder(Comm c) {
        Op concat = UserOps.concat();
        String mine = Integer.toString(c.rank());
        String all = prefix(c.size());
        assertEquals(all, c.allreduce(mine, concat));
        assertEquals(all, c.iallreduce(mine, concat).waitFor());
        for (int root = 0; root < c.size(); root++) {
            String got = c.reduce(mine, concat, root);
            if (c.rank() == root) {
                assertEquals(all, got);
            } else {
                assertNull(got);
            }
        }
        assertEquals(prefix(c.rank() + 1), c.scan(mine, concat));
        String before = c.exscan(mine, concat);
        assertEquals(c.rank() == 0 ? null : prefix(c.rank()), before);
        assertEquals(prefix(c.rank() + 1), c.iscan(mine, concat).waitFor());
    }

    private static String prefix(int ranks) {
        StringBuilder s = new StringBuilder();
        for (int r = 0; r < ranks; r++) {
            s.append(r);
        }
        return s.toString();
    }

    /** Two affine maps per rank: (rank + 2)·x + rank and 3·x + (rank + 1). */
    static int[] maps(int rank) {
        return new int[] {rank + 2, rank, 3, rank + 1};
    }

    /** The model: the maps of ranks [0, upTo) composed in rank order. */
    static int[] composed(int upTo) {
        int[] acc = maps(0);
        for (int r = 1; r < upTo; r++) {
            acc = UserOps.compose(acc, maps(r));
        }
        return acc;
    }

    static void affineMapsKeepRankOrder(Comm c) {
        Op affine = UserOps.affine();
        int rank = c.rank();
        int size = c.size();
        int[] all = composed(size);
        int[] got = new int[4];
        c.Allreduce(maps(rank), got, affine);
        assertArrayEquals(all, got);
        int[] inPlace = maps(rank);
        c.Iallreduce(MPI.IN_PLACE, inPlace, affine).waitFor();
        assertArrayEquals(all, inPlace);
        for (int root = 0; root < size; root++) {
            int[] r = new int[4];
            c.Reduce(maps(rank), r, affine, root);
            if (rank == root) {
                assertArrayEquals(all, r);
            }
        }
        int[] scan = new int[4];
        c.Scan(maps(rank), scan, affine);
        assertArrayEquals(composed(rank + 1), scan);
        int[] ex = new int[4];
        c.Iexscan(maps(rank), ex, affine).waitFor();
        if (rank > 0) {
            assertArrayEquals(composed(rank), ex);
        }
        // one pair per rank: rank r's block is pair r of every rank's maps, composed
        int[] send = new int[2 * size];
        for (int k = 0; k < size; k++) {
            send[2 * k] = rank + k + 2;
            send[2 * k + 1] = rank * k + 1;
        }
        int[] block = new int[2];
        c.Reduce_scatter_block(send, block, affine);
        assertArrayEquals(pairModel(size, rank), block);
        int[] counts = new int[size];
        Arrays.fill(counts, 2);
        int[] part = new int[2];
        c.Ireduce_scatter(send, part, counts, affine).waitFor();
        assertArrayEquals(pairModel(size, rank), part);
    }

    private static int[] pairModel(int size, int k) {
        int[] acc = {k + 2, 1};
        for (int r = 1; r < size; r++) {
            acc = UserOps.compose(acc, new int[] {r + k + 2, r * k + 1});
        }
        return acc;
    }

    /**
     * Through the coordinator, on two ranks or more: each form fails before anything is sent, naming the
     * op, and SUM then works.
     */
    public static void throughTheCoordinator(Comm c) {
        Op concat = UserOps.concat();
        Op affine = UserOps.affine();
        int[] got = new int[4];
        for (Executable call : List.<Executable>of(
                () -> c.allreduce("x", concat),
                () -> c.reduce("x", concat, 0),
                () -> c.scan("x", concat),
                () -> c.iexscan("x", concat),
                () -> c.Allreduce(maps(c.rank()), got, affine),
                () -> c.Ireduce(maps(c.rank()), got, affine, 0),
                () -> c.Scan(maps(c.rank()), got, affine),
                () -> c.Exscan(maps(c.rank()), got, affine),
                () -> c.Reduce_scatter_block(new int[2 * c.size()], new int[2], affine),
                () -> c.Reduce_scatter(new int[2 * c.size()], new int[2], twos(c.size()), affine))) {
            MPIException e = Check.fails(MPI.ERR_OP, call);
            assertTrue(e.getMessage().contains("'concat'") || e.getMessage().contains("'affine'"), e.getMessage());
        }
        assertEquals(c.size() * (c.size() - 1) / 2, (int) c.allreduce(c.rank(), MPI.SUM));
    }

    private static int[] twos(int n) {
        int[] t = new int[n];
        Arrays.fill(t, 2);
        return t;
    }
}
