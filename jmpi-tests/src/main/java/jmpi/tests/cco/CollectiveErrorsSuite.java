package jmpi.tests.cco;

import static jmpi.tests.Check.fails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.tests.RankSuite;
import jmpi.tests.RankTest;

/**
 * The error classes MPI programs branch on, for collectives: a root out of range (ERR_ROOT), a receive
 * buffer too small for what arrives (ERR_TRUNCATE), a scatter list of the wrong size (ERR_COUNT); and,
 * after each, that the communicator goes on. A bad root is refused on every rank before anything is
 * sent; a truncation fails only the rank whose buffer is too small, after the collective has run.
 */
public class CollectiveErrorsSuite extends RankSuite {

    /** The communicator still works: a sum over every rank. */
    private static void goesOn(Comm c) {
        int[] one = {1};
        c.Allreduce(MPI.IN_PLACE, one, MPI.SUM);
        assertEquals(c.size(), one[0]);
    }

    /** Roots outside [0, size), after mpi4py's {-size, size}, and -1. */
    private static int[] badRoots(Comm c) {
        return new int[] {-c.size(), c.size(), -1, c.size() + 7};
    }

    @RankTest
    public void testRootOutOfRangeIsErrRoot() {
        Comm c = comm();
        int n = c.size();
        int[] counts = new int[n];
        int[] displs = new int[n];
        for (int root : badRoots(c)) {
            MPIException e = fails(MPI.ERR_ROOT, () -> c.Gather(new int[1], new int[n], root));
            assertTrue(e.getMessage().contains("root " + root), e.getMessage());
            fails(MPI.ERR_ROOT, () -> c.Scatter(new int[n], new int[1], root));
            fails(MPI.ERR_ROOT, () -> c.Reduce(new int[1], new int[1], MPI.SUM, root));
            fails(MPI.ERR_ROOT, () -> c.Gatherv(new int[0], new int[0], counts, displs, root));
            fails(MPI.ERR_ROOT, () -> c.Scatterv(new int[0], counts, displs, new int[0], root));
            fails(MPI.ERR_ROOT, () -> c.Igather(new int[1], new int[n], root));
            fails(MPI.ERR_ROOT, () -> c.gather("x", root));
            fails(MPI.ERR_ROOT, () -> c.scatter(Collections.nCopies(n, "x"), root));
            fails(MPI.ERR_ROOT, () -> c.reduce(1, MPI.SUM, root));
        }
        goesOn(c);
    }

    @RankTest
    public void testBcastIntoASmallerBufferIsErrTruncate() {
        Comm c = comm();
        for (int root = 0; root < c.size(); root++) {
            if (c.rank() == root) {
                int[] sent = {1, 2, 3, 4, 5};
                c.Bcast(sent, root);
                assertArrayEquals(new int[] {1, 2, 3, 4, 5}, sent);
            } else {
                int r = root;
                MPIException e = fails(MPI.ERR_TRUNCATE, () -> c.Bcast(new int[3], r));
                assertTrue(e.getMessage().contains("5 elements"), e.getMessage());
            }
            goesOn(c);
        }
    }

    @RankTest
    public void testGatherIntoASmallerBufferIsErrTruncate() {
        Comm c = comm();
        int n = c.size();
        for (int root = 0; root < n; root++) {
            int r = root;
            int[] send = {c.rank(), c.rank(), c.rank()};
            if (c.rank() == root) {
                // room for two elements a rank, and each sends three
                fails(MPI.ERR_TRUNCATE, () -> c.Gather(send, new int[3 * n - 1], r));
            } else {
                c.Gather(send, null, root);
            }
            goesOn(c);
        }
    }

    @RankTest
    public void testScatterIntoASmallerBufferIsErrTruncate() {
        Comm c = comm();
        int n = c.size();
        for (int root = 0; root < n; root++) {
            int r = root;
            int[] send = c.rank() == root ? new int[2 * n] : null;
            // every rank's chunk is two elements, and every rank has room for one
            MPIException e = fails(MPI.ERR_TRUNCATE, () -> c.Scatter(send, new int[1], r));
            assertTrue(e.getMessage().contains("2 elements"), e.getMessage());
            goesOn(c);
        }
    }

    @RankTest
    public void testScatterListOfTheWrongSizeIsRefusedAtTheRoot() {
        Comm c = comm();
        int n = c.size();
        for (int root = 0; root < n; root++) {
            if (c.rank() == root) {
                // refused before anything is sent: only the root calls, and the others are not left waiting
                int r = root;
                for (List<String> wrong : List.of(Collections.nCopies(n + 1, "x"), Collections.nCopies(n - 1, "x"))) {
                    MPIException e = fails(MPI.ERR_COUNT, () -> c.scatter(wrong, r));
                    assertTrue(e.getMessage().contains(n + " items, not " + wrong.size()), e.getMessage());
                }
                fails(MPI.ERR_COUNT, () -> c.scatter(null, r));
            }
            goesOn(c);
            List<Integer> right = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                right.add(i * 10);
            }
            assertEquals(c.rank() * 10, (int) c.<Integer>scatter(c.rank() == root ? right : null, root));
        }
    }
}
