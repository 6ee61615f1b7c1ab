package jmpi.tests.cco;

import static jmpi.tests.Check.fails;
import static jmpi.tests.TestBuffers.get;
import static jmpi.tests.TestBuffers.norm;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jmpi.Comm;
import jmpi.MPI;
import jmpi.tests.RankSuite;
import jmpi.tests.RankTest;
import jmpi.tests.TestBuffers;
import jmpi.tests.TestBuffers.Kind;

/** The vector collectives: per-rank counts and displacements, after mpi4py's test_cco_vec. */
public class CollectiveVectorSuite extends RankSuite {

    /** Rank i sends i + 1 elements; they sit one apart from each other in the gathered buffer. */
    private static int[] counts(int n) {
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            c[i] = i + 1;
        }
        return c;
    }

    private static int[] displs(int n) {
        int[] d = new int[n];
        int at = 0;
        for (int i = 0; i < n; i++) {
            d[i] = at;
            at += i + 2;
        }
        return d;
    }

    private static int total(int n) {
        return displs(n)[n - 1] + n + 1;
    }

    @RankTest
    public void testGatherv() {
        Comm c = comm();
        int n = c.size();
        int[] counts = counts(n);
        int[] displs = displs(n);
        for (Kind k : TestBuffers.ALL) {
            for (int root = 0; root < n; root++) {
                Object send = k.filled(c.rank() + 1, i -> (long) (c.rank() * 10 + i));
                Object recv = c.rank() == root ? k.filled(total(n), i -> 99L) : null;
                c.Gatherv(send, recv, counts, displs, root);
                if (c.rank() == root) {
                    for (int r = 0; r < n; r++) {
                        for (int i = 0; i <= r; i++) {
                            assertEquals(norm(k, r * 10 + i), get(recv, displs[r] + i), k + " from " + r);
                        }
                        assertEquals(norm(k, 99), get(recv, displs[r] + r + 1), k + " gap after " + r);
                    }
                }
            }
        }
    }

    @RankTest
    public void testScatterv() {
        Comm c = comm();
        int n = c.size();
        int[] counts = counts(n);
        int[] displs = displs(n);
        for (Kind k : TestBuffers.ALL) {
            for (int root = 0; root < n; root++) {
                Object send = c.rank() == root ? k.filled(total(n), i -> (long) i) : null;
                Object recv = k.make(c.rank() + 1);
                c.Scatterv(send, counts, displs, recv, root);
                for (int i = 0; i <= c.rank(); i++) {
                    assertEquals(norm(k, displs[c.rank()] + i), get(recv, i), k.toString());
                }
            }
        }
    }

    @RankTest
    public void testAllgatherv() {
        Comm c = comm();
        int n = c.size();
        int[] counts = counts(n);
        int[] displs = displs(n);
        for (Kind k : TestBuffers.ALL) {
            Object recv = k.make(total(n));
            c.Allgatherv(k.filled(c.rank() + 1, i -> (long) c.rank()), recv, counts, displs);
            for (int r = 0; r < n; r++) {
                assertEquals(norm(k, r), get(recv, displs[r] + r), k.toString());
            }
            Object inPlace = k.filled(total(n), i -> 0L);
            for (int i = 0; i <= c.rank(); i++) {
                TestBuffers.set(inPlace, displs[c.rank()] + i, c.rank() + 1);
            }
            c.Allgatherv(MPI.IN_PLACE, inPlace, counts, displs);
            for (int r = 0; r < n; r++) {
                for (int i = 0; i <= r; i++) {
                    assertEquals(norm(k, r + 1), get(inPlace, displs[r] + i), k + " from " + r);
                }
                assertEquals(norm(k, 0), get(inPlace, displs[r] + r + 1), k + " gap after " + r);
            }
        }
    }

    @RankTest
    public void testAlltoallv() {
        Comm c = comm();
        int n = c.size();
        // rank s sends s + 1 elements to every rank; rank r receives s + 1 elements from rank s
        int[] sendcounts = new int[n];
        int[] sdispls = new int[n];
        int[] recvcounts = counts(n);
        int[] rdispls = displs(n);
        for (int j = 0; j < n; j++) {
            sendcounts[j] = c.rank() + 1;
            sdispls[j] = j * (c.rank() + 1);
        }
        for (Kind k : TestBuffers.ALL) {
            Object send = k.filled(n * (c.rank() + 1), i -> (long) (c.rank() * 10 + i / (c.rank() + 1)));
            Object recv = k.make(total(n));
            c.Alltoallv(send, sendcounts, sdispls, recv, recvcounts, rdispls);
            for (int s = 0; s < n; s++) {
                for (int i = 0; i <= s; i++) {
                    assertEquals(norm(k, s * 10 + c.rank()), get(recv, rdispls[s] + i), k + " from " + s);
                }
            }
        }
    }

    /** In place at the root: its own block is already where it goes, and stays; the others fill theirs. */
    @RankTest
    public void testGathervInPlace() {
        Comm c = comm();
        int n = c.size();
        int[] counts = counts(n);
        int[] displs = displs(n);
        for (Kind k : TestBuffers.ALL) {
            for (int root = 0; root < n; root++) {
                Object send = k.filled(c.rank() + 1, i -> (long) (c.rank() * 10 + i));
                Object recv = null;
                if (c.rank() == root) {
                    recv = k.filled(total(n), i -> 99L);
                    for (int i = 0; i <= root; i++) {
                        TestBuffers.set(recv, displs[root] + i, root * 10 + i);
                    }
                }
                c.Gatherv(c.rank() == root ? MPI.IN_PLACE : send, recv, counts, displs, root);
                if (c.rank() == root) {
                    for (int r = 0; r < n; r++) {
                        for (int i = 0; i <= r; i++) {
                            assertEquals(norm(k, r * 10 + i), get(recv, displs[r] + i), k + " from " + r);
                        }
                        assertEquals(norm(k, 99), get(recv, displs[r] + r + 1), k + " gap after " + r);
                    }
                } else {
                    for (int i = 0; i <= c.rank(); i++) {
                        assertEquals(norm(k, c.rank() * 10 + i), get(send, i), k + " sent");
                    }
                }
            }
        }
    }

    /** In place at the root: it keeps its block where it is, and its whole buffer as it was. */
    @RankTest
    public void testScattervInPlace() {
        Comm c = comm();
        int n = c.size();
        int[] counts = counts(n);
        int[] displs = displs(n);
        for (Kind k : TestBuffers.ALL) {
            for (int root = 0; root < n; root++) {
                Object send = c.rank() == root ? k.filled(total(n), i -> (long) i) : null;
                Object recv = k.filled(c.rank() + 1, i -> 99L);
                c.Scatterv(send, counts, displs, c.rank() == root ? MPI.IN_PLACE : recv, root);
                if (c.rank() == root) {
                    for (int i = 0; i < total(n); i++) {
                        assertEquals(norm(k, i), get(send, i), k + " element " + i);
                    }
                    for (int i = 0; i <= c.rank(); i++) {
                        assertEquals(norm(k, 99), get(recv, i), k + " untouched");
                    }
                } else {
                    for (int i = 0; i <= c.rank(); i++) {
                        assertEquals(norm(k, displs[c.rank()] + i), get(recv, i), k + " element " + i);
                    }
                }
            }
        }
    }

    /**
     * In place, every rank sends from and receives into one buffer, by the receive counts: between
     * ranks i and j, i + j + 1 elements each way (counts must agree pairwise). Block j goes to rank j
     * holding rank * 10 + j and comes back holding j * 10 + rank; the gaps stay.
     */
    @RankTest
    public void testAlltoallvInPlace() {
        Comm c = comm();
        int n = c.size();
        int me = c.rank();
        int[] counts = new int[n];
        int[] displs = new int[n];
        int at = 0;
        for (int j = 0; j < n; j++) {
            counts[j] = me + j + 1;
            displs[j] = at;
            at += counts[j] + 1;
        }
        int length = at;
        for (Kind k : TestBuffers.ALL) {
            Object buf = k.filled(length, i -> 99L);
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < counts[j]; i++) {
                    TestBuffers.set(buf, displs[j] + i, me * 10 + j);
                }
            }
            c.Alltoallv(MPI.IN_PLACE, null, null, buf, counts, displs);
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < counts[j]; i++) {
                    assertEquals(norm(k, j * 10 + me), get(buf, displs[j] + i), k + " from " + j);
                }
                assertEquals(norm(k, 99), get(buf, displs[j] + counts[j]), k + " gap after " + j);
            }
        }
    }

    @RankTest
    public void testBadCounts() {
        Comm c = comm();
        int n = c.size();
        fails(MPI.ERR_COUNT, () -> c.Allgatherv(new int[1], new int[n], new int[n + 1], new int[n]));
        fails(MPI.ERR_COUNT, () -> c.Allgatherv(new int[1], new int[0], counts(n), displs(n)));
        int[] negative = new int[n];
        negative[0] = -1;
        fails(MPI.ERR_COUNT, () -> c.Allgatherv(new int[1], new int[n], negative, new int[n]));
        c.Barrier();
    }
}
