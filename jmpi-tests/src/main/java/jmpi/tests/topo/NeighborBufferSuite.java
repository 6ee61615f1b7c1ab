package jmpi.tests.topo;

import static jmpi.tests.Check.fails;
import static jmpi.tests.TestBuffers.get;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jmpi.MPI;
import jmpi.Prequest;
import jmpi.Topocomm;
import jmpi.tests.RankSuite;
import jmpi.tests.RankTest;
import jmpi.tests.TestBuffers;
import jmpi.tests.TestBuffers.Kind;

/**
 * The buffer neighbour collectives on every topology and every kind of buffer, after mpi4py's
 * test_cco_ngh_buf: each block holds what its in-neighbour sent it, and the block of an open edge
 * keeps what it held.
 */
public class NeighborBufferSuite extends RankSuite {
    private static final int N = 3;
    private static final long UNTOUCHED = 99;

    /** Element e of the block that rank r sends as its block j: small enough for a byte. */
    private static long value(int r, int j, int e) {
        return r * 16 + j * 4 + e;
    }

    /** Checks recv's block i (at displs i * stride) against in-neighbour i's block from[i]. */
    private static void check(Topocomm t, Object recv, int stride, int[] from, String what) {
        int[] in = t.inedges();
        for (int i = 0; i < in.length; i++) {
            for (int e = 0; e < N; e++) {
                long expected = in[i] == MPI.PROC_NULL ? UNTOUCHED : value(in[i], from[i], e);
                assertEquals(expected, get(recv, i * stride + e), what + ": block " + i + " element " + e);
            }
        }
    }

    @RankTest
    public void testNeighborAllgather() {
        for (Topocomm t : Topologies.create(comm())) {
            int[] in = t.inedges();
            int[] own = new int[in.length];
            for (Kind k : TestBuffers.ALL) {
                if (!k.numeric()) {
                    continue;
                }
                Object send = k.filled(N, e -> value(t.rank(), 0, e));
                Object recv = k.filled(in.length * N, e -> UNTOUCHED);
                t.Neighbor_allgather(send, recv);
                check(t, recv, N, own, k + " Neighbor_allgather");
                recv = k.filled(in.length * N, e -> UNTOUCHED);
                t.Ineighbor_allgather(send, recv).waitFor();
                check(t, recv, N, own, k + " Ineighbor_allgather");
                // blocks spaced one apart, the gaps left alone
                int[] counts = new int[in.length];
                int[] displs = new int[in.length];
                for (int i = 0; i < in.length; i++) {
                    counts[i] = N;
                    displs[i] = i * (N + 1);
                }
                recv = k.filled(in.length * (N + 1), e -> UNTOUCHED);
                t.Neighbor_allgatherv(send, recv, counts, displs);
                check(t, recv, N + 1, own, k + " Neighbor_allgatherv");
                for (int i = 0; i < in.length; i++) {
                    assertEquals(UNTOUCHED, get(recv, i * (N + 1) + N), "gap after block " + i);
                }
                recv = k.filled(in.length * (N + 1), e -> UNTOUCHED);
                t.Ineighbor_allgatherv(send, recv, counts, displs).waitFor();
                check(t, recv, N + 1, own, k + " Ineighbor_allgatherv");
            }
            t.Free();
        }
    }

    @RankTest
    public void testNeighborAlltoall() {
        for (Topocomm t : Topologies.create(comm())) {
            int in = t.indegree();
            int out = t.outdegree();
            int[] from = Topologies.senderBlocks(t);
            for (Kind k : TestBuffers.ALL) {
                if (!k.numeric()) {
                    continue;
                }
                Object send = k.filled(out * N, x -> value(t.rank(), x / N, x % N));
                Object recv = k.filled(in * N, e -> UNTOUCHED);
                t.Neighbor_alltoall(send, recv);
                check(t, recv, N, from, k + " Neighbor_alltoall");
                recv = k.filled(in * N, e -> UNTOUCHED);
                t.Ineighbor_alltoall(send, recv).waitFor();
                check(t, recv, N, from, k + " Ineighbor_alltoall");
                // the blocks in reverse order on both sides
                int[] counts = new int[Math.max(in, out)];
                java.util.Arrays.fill(counts, N);
                int[] sdispls = new int[out];
                int[] rdispls = new int[in];
                for (int j = 0; j < out; j++) {
                    sdispls[j] = (out - 1 - j) * N;
                }
                for (int i = 0; i < in; i++) {
                    rdispls[i] = (in - 1 - i) * N;
                }
                Object reversed = k.filled(out * N, x -> value(t.rank(), out - 1 - x / N, x % N));
                Object into = k.filled(in * N, e -> UNTOUCHED);
                t.Neighbor_alltoallv(reversed, java.util.Arrays.copyOf(counts, out), sdispls, into,
                        java.util.Arrays.copyOf(counts, in), rdispls);
                Object back = k.filled(in * N, e -> UNTOUCHED);
                for (int i = 0; i < in; i++) {
                    for (int e = 0; e < N; e++) {
                        TestBuffers.set(back, i * N + e, get(into, (in - 1 - i) * N + e));
                    }
                }
                check(t, back, N, from, k + " Neighbor_alltoallv");
                into = k.filled(in * N, e -> UNTOUCHED);
                t.Ineighbor_alltoallv(send, java.util.Arrays.copyOf(counts, out), offsets(out), into,
                        java.util.Arrays.copyOf(counts, in), offsets(in)).waitFor();
                check(t, into, N, from, k + " Ineighbor_alltoallv");
            }
            t.Free();
        }
    }

    private static int[] offsets(int n) {
        int[] d = new int[n];
        for (int i = 0; i < n; i++) {
            d[i] = i * N;
        }
        return d;
    }

    @RankTest
    public void testNeighborAlltoallw() {
        // block j is of the j-th numeric kind and j + 1 elements long
        java.util.List<Kind> kinds = TestBuffers.ALL.stream().filter(Kind::numeric).toList();
        for (Topocomm t : Topologies.create(comm())) {
            int[] in = t.inedges();
            int[] from = Topologies.senderBlocks(t);
            Object[] send = new Object[t.outdegree()];
            for (int j = 0; j < send.length; j++) {
                int block = j;
                send[j] = kinds.get(j).filled(j + 1, e -> value(t.rank(), block, e));
            }
            Object[] recv = new Object[in.length];
            for (int i = 0; i < in.length; i++) {
                recv[i] = kinds.get(from[i]).filled(from[i] + 1, e -> UNTOUCHED);
            }
            t.Neighbor_alltoallw(send, recv);
            for (int i = 0; i < in.length; i++) {
                for (int e = 0; e <= from[i]; e++) {
                    long expected = in[i] == MPI.PROC_NULL ? UNTOUCHED : value(in[i], from[i], e);
                    assertEquals(expected, get(recv[i], e), "block " + i + " element " + e);
                }
            }
            // every receive buffer of another type than its sender's
            Object[] wrong = new Object[in.length];
            for (int i = 0; i < in.length; i++) {
                wrong[i] = kinds.get(from[i] + 1).make(from[i] + 1);
            }
            if (hasRealNeighbour(t)) {
                fails(MPI.ERR_TYPE, () -> t.Ineighbor_alltoallw(send, wrong).waitFor());
            }
            fails(MPI.ERR_COUNT, () -> t.Neighbor_alltoallw(new Object[send.length + 1], recv));
            assertEquals(in.length, t.neighbor_allgather("after").size());
            t.Free();
        }
    }

    @RankTest
    public void testPersistent() {
        for (Topocomm t : Topologies.create(comm())) {
            int in = t.indegree();
            int out = t.outdegree();
            int[] from = Topologies.senderBlocks(t);
            int[] own = new int[in];
            int[] gatherSend = new int[N];
            int[] gathered = new int[in * N];
            int[] swapSend = new int[out * N];
            int[] swapped = new int[in * N];
            Prequest<Void> gather = t.Neighbor_allgather_init(gatherSend, gathered);
            Prequest<Void> swap = t.Neighbor_alltoall_init(swapSend, swapped);
            Prequest<Void> swapV = t.Neighbor_alltoallv_init(swapSend, blocks(out), offsets(out), swapped, blocks(in),
                    offsets(in));
            for (int round = 0; round < 3; round++) {
                // each start reads the send buffer as it is then
                int shift = round;
                java.util.Arrays.fill(gathered, (int) UNTOUCHED);
                java.util.Arrays.fill(swapped, (int) UNTOUCHED);
                for (int e = 0; e < N; e++) {
                    gatherSend[e] = (int) value(t.rank() + shift, 0, e);
                }
                gather.start();
                gather.waitFor();
                check(t, shifted(gathered, -shift * 16), N, own, "Neighbor_allgather_init, start " + round);
                for (int x = 0; x < out * N; x++) {
                    swapSend[x] = (int) value(t.rank() + shift, x / N, x % N);
                }
                Prequest<Void> which = round == 1 ? swapV : swap;
                which.start();
                fails(MPI.ERR_REQUEST, which::start);
                which.waitFor();
                check(t, shifted(swapped, -shift * 16), N, from, "Neighbor_alltoall(v)_init, start " + round);
            }
            gather.free();
            swap.free();
            swapV.free();
            t.Free();
        }
    }

    private static int[] blocks(int n) {
        int[] c = new int[n];
        java.util.Arrays.fill(c, N);
        return c;
    }

    /** The buffer with d added to every element that is not UNTOUCHED. */
    private static int[] shifted(int[] b, int d) {
        int[] c = b.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] = c[i] == UNTOUCHED ? c[i] : c[i] + d;
        }
        return c;
    }

    @RankTest
    public void testBadBuffers() {
        for (Topocomm t : Topologies.create(comm())) {
            int in = t.indegree();
            int out = t.outdegree();
            fails(MPI.ERR_TYPE, () -> t.Neighbor_allgather(new int[N], new long[in * N]));
            fails(MPI.ERR_BUFFER, () -> t.Neighbor_allgather(new Object(), new int[in * N]));
            if (in > 0) {
                fails(MPI.ERR_COUNT, () -> t.Neighbor_allgather(new int[N], new int[in * N - 1]));
                fails(MPI.ERR_COUNT, () -> t.Neighbor_allgatherv(new int[N], new int[in * N], new int[in + 1],
                        new int[in + 1]));
                fails(MPI.ERR_COUNT, () -> t.Neighbor_alltoall(new int[out * N], new int[in * N + 1]));
            }
            if (out > 0) {
                fails(MPI.ERR_COUNT, () -> t.Neighbor_alltoall(new int[out * N + 1], new int[in * N]));
            }
            // a block larger than its place is refused where it arrives
            int[] big = new int[out * (N + 1)];
            int[] small = new int[in * N];
            int[] sc = new int[out];
            int[] sd = new int[out];
            for (int j = 0; j < out; j++) {
                sc[j] = N + 1;
                sd[j] = j * (N + 1);
            }
            int[] rc = new int[in];
            java.util.Arrays.fill(rc, N);
            if (hasRealNeighbour(t)) {
                fails(MPI.ERR_TRUNCATE, () -> t.Neighbor_alltoallv(big, sc, sd, small, rc, offsets(in)));
            } else {
                t.Neighbor_alltoallv(big, sc, sd, small, rc, offsets(in));
            }
            // nothing was left behind: the next collective lines up
            assertEquals(in, t.neighbor_allgather("after").size());
            t.Free();
        }
    }

    private static boolean hasRealNeighbour(Topocomm t) {
        for (int r : t.inedges()) {
            if (r != MPI.PROC_NULL) {
                return true;
            }
        }
        return false;
    }
}
