package jmpi.tests.topo;

import static jmpi.tests.Check.fails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jmpi.Cartcomm;
import jmpi.Comm;
import jmpi.Distgraphcomm;
import jmpi.MPI;
import jmpi.tests.RankSuite;
import jmpi.tests.RankTest;

/** Cartesian and distributed graph communicators, after mpi4py's test_comm_topo. */
public class TopoSuite extends RankSuite {

    @RankTest
    public void testCartcomm() {
        Comm c = comm();
        for (int ndim = 1; ndim <= 5; ndim++) {
            int[] dims = MPI.Compute_dims(c.size(), new int[ndim]);
            boolean[] periods = new boolean[ndim];
            Arrays.fill(periods, true);
            Cartcomm topo = c.Create_cart(dims, periods);
            assertEquals(MPI.CART, topo.Get_topology());
            assertEquals(MPI.CART, topo.topology());
            assertEquals(ndim, topo.Get_dim());
            assertEquals(ndim, topo.ndim());
            assertEquals(c.rank(), topo.rank());
            int[] coords = topo.coords();
            assertArrayEquals(coords, topo.Get_coords(topo.rank()));
            assertArrayEquals(dims, topo.Get_topo().dims());
            assertArrayEquals(periods, topo.Get_topo().periods());
            assertArrayEquals(coords, topo.topo().coords());
            List<Integer> neighbours = new ArrayList<>();
            for (int i = 0; i < ndim; i++) {
                for (int d : new int[] {-1, 1}) {
                    int[] at = coords.clone();
                    at[i] = Math.floorMod(at[i] + d, dims[i]);
                    int neighbour = topo.Get_cart_rank(at);
                    assertArrayEquals(at, topo.Get_coords(neighbour));
                    assertEquals(neighbour, topo.Shift(i, d)[1]);
                    neighbours.add(neighbour);
                }
            }
            int[] expected = neighbours.stream().mapToInt(Integer::intValue).toArray();
            assertEquals(2 * ndim, topo.indegree());
            assertEquals(2 * ndim, topo.outdegree());
            assertArrayEquals(expected, topo.inedges());
            assertArrayEquals(expected, topo.outedges());
            assertArrayEquals(new int[] {2 * ndim, 2 * ndim}, topo.degrees());
            assertArrayEquals(expected, topo.inoutedges()[0]);
            assertArrayEquals(expected, topo.inoutedges()[1]);
            assertTrue(topo.is_topo());
            for (int i = 0; ndim > 1 && i < ndim; i++) {
                boolean[] remain = new boolean[ndim];
                Arrays.fill(remain, true);
                remain[i] = false;
                Cartcomm sub = topo.Sub(remain);
                assertEquals(ndim - 1, sub.Get_dim());
                int[] kept = new int[ndim - 1];
                for (int j = 0, n = 0; j < ndim; j++) {
                    if (j != i) {
                        kept[n++] = dims[j];
                    }
                }
                assertArrayEquals(kept, sub.dims());
                assertEquals(c.size() / dims[i], sub.size());
                sub.Free();
            }
            topo.Free();
        }
        fails(MPI.ERR_ARG, () -> c.Create_cart(new int[] {c.size()}, new boolean[0]));
        fails(MPI.ERR_ARG, () -> c.Create_cart(new int[] {c.size()}, new boolean[] {false, false}));
    }

    @RankTest
    public void testCartcommZeroDim() {
        Cartcomm topo = comm().Create_cart(new int[0]);
        if (comm().rank() > 0) {
            assertSame(MPI.COMM_NULL, topo);
            return;
        }
        assertEquals(0, topo.Get_dim());
        assertEquals(1, topo.size());
        assertArrayEquals(new int[0], topo.dims());
        assertArrayEquals(new boolean[0], topo.periods());
        assertArrayEquals(new int[0], topo.coords());
        assertEquals(0, topo.Get_cart_rank(new int[0]));
        assertArrayEquals(new int[0], topo.inedges());
        assertEquals(List.of(), topo.neighbor_allgather("alone"));
        topo.Free();
    }

    @RankTest
    public void testOpenEdges() {
        Comm c = comm();
        Cartcomm line = c.Create_cart(new int[] {c.size()}, new boolean[] {false}, true);
        int r = line.rank();
        int below = r == 0 ? MPI.PROC_NULL : r - 1;
        int above = r == c.size() - 1 ? MPI.PROC_NULL : r + 1;
        assertArrayEquals(new int[] {below, above}, line.Shift(0, 1));
        assertArrayEquals(new int[] {above, below}, line.Shift(0, -1));
        assertArrayEquals(new int[] {below, above}, line.inedges());
        fails(MPI.ERR_RANK, () -> line.Get_cart_rank(new int[] {-1}));
        fails(MPI.ERR_RANK, () -> line.Get_cart_rank(new int[] {c.size()}));
        // a Cartcomm is a communicator like any other: point-to-point along the shift, collectives
        int[] sd = line.Shift(0, 1);
        Integer got = line.sendrecv(r, sd[1], 5, sd[0], 5);
        assertEquals(sd[0] == MPI.PROC_NULL ? null : sd[0], got);
        assertEquals(c.size() * (c.size() - 1) / 2, (int) line.<Integer>allreduce(r));
        Comm dup = line.Dup();
        Cartcomm twin = assertInstanceOf(Cartcomm.class, dup);
        assertNotSame(line, twin);
        assertArrayEquals(line.dims(), twin.dims());
        assertEquals(Arrays.toString(new Object[] {below == MPI.PROC_NULL ? null : below,
                above == MPI.PROC_NULL ? null : above}), twin.neighbor_allgather(r).toString());
        twin.Free();
        line.Free();
    }

    @RankTest
    public void testFewerRanksThanTheCommunicator() {
        Comm c = comm();
        Cartcomm topo = c.Create_cart(new int[] {Math.max(1, c.size() - 1)});
        if (c.rank() >= Math.max(1, c.size() - 1)) {
            assertSame(MPI.COMM_NULL, topo);
            fails(MPI.ERR_COMM, topo::Get_dim);
        } else {
            assertEquals(Math.max(1, c.size() - 1), topo.size());
            topo.Free();
        }
        c.Barrier();
    }

    @RankTest
    public void testBadCartArguments() {
        Comm c = comm();
        fails(MPI.ERR_DIMS, () -> c.Create_cart(new int[] {c.size() + 1}));
        fails(MPI.ERR_DIMS, () -> c.Create_cart(new int[] {c.size(), 2}));
        fails(MPI.ERR_DIMS, () -> c.Create_cart(new int[] {-1}));
        fails(MPI.ERR_DIMS, () -> c.Create_cart(new int[] {0}));
        fails(MPI.ERR_DIMS, () -> c.Create_cart(null));
        // one rank's arguments differ from the others': every rank fails, none is left waiting
        int[] mine = c.rank() == 0 ? new int[] {1} : new int[] {c.size()};
        if (c.size() > 1) {
            fails(MPI.ERR_DIMS, () -> c.Create_cart(mine));
        }
        Cartcomm topo = c.Create_cart(new int[] {c.size()}, new boolean[] {true});
        fails(MPI.ERR_DIMS, () -> topo.Shift(1, 1));
        fails(MPI.ERR_DIMS, () -> topo.Shift(-1, 1));
        fails(MPI.ERR_ARG, () -> topo.Get_cart_rank(new int[] {0, 0}));
        fails(MPI.ERR_RANK, () -> topo.Get_coords(c.size()));
        fails(MPI.ERR_ARG, () -> topo.Sub(new boolean[2]));
        // periodic: any coordinate wraps round
        assertEquals(c.size() - 1, topo.Get_cart_rank(new int[] {-1}));
        assertEquals(0, topo.Get_cart_rank(new int[] {3 * c.size()}));
        topo.Free();
        c.Barrier();
    }

    @RankTest
    public void testDistgraphAdjacent() {
        Comm c = comm();
        int size = c.size();
        int rank = c.rank();
        Distgraphcomm none = c.Create_dist_graph_adjacent(null, null);
        assertEquals(MPI.DIST_GRAPH, none.Get_topology());
        assertEquals(0, none.indegree());
        assertEquals(List.of(), none.neighbor_allgather(rank));
        none.Free();
        int[] sources = Topologies.graphSources(rank, size);
        int[] destinations = Topologies.graphDestinations(rank, size);
        Distgraphcomm topo = c.Create_dist_graph_adjacent(sources, destinations, true);
        assertEquals(MPI.DIST_GRAPH, topo.topology());
        assertEquals(2, topo.indegree());
        assertEquals(2, topo.outdegree());
        assertArrayEquals(sources, topo.inedges());
        assertArrayEquals(destinations, topo.outedges());
        assertArrayEquals(sources, topo.Get_dist_neighbors().sources());
        assertArrayEquals(destinations, topo.Get_dist_neighbors().destinations());
        assertEquals(size, topo.size());
        Comm dup = topo.Dup();
        assertEquals(MPI.DIST_GRAPH, dup.Get_topology());
        assertArrayEquals(sources, assertInstanceOf(Distgraphcomm.class, dup).inedges());
        dup.Free();
        topo.Free();
        // one-way edges: each rank sends to the next, receives from the one before
        Distgraphcomm ring = c.Create_dist_graph_adjacent(new int[] {(rank + size - 1) % size},
                new int[] {(rank + 1) % size});
        assertEquals(List.of((rank + size - 1) % size), ring.neighbor_allgather(rank));
        ring.Free();
    }

    @RankTest
    public void testBadGraphs() {
        Comm c = comm();
        int size = c.size();
        int rank = c.rank();
        // one rank names a rank that does not exist: all fail with it
        int[] wrong = rank == size - 1 ? new int[] {size} : new int[0];
        fails(MPI.ERR_RANK, () -> c.Create_dist_graph_adjacent(wrong, new int[0]));
        fails(MPI.ERR_RANK, () -> c.Create_dist_graph_adjacent(new int[0], new int[] {-1}));
        // rank 0 sends to itself without receiving it
        int[] out = rank == 0 ? new int[] {0} : new int[0];
        fails(MPI.ERR_TOPOLOGY, () -> c.Create_dist_graph_adjacent(new int[0], out));
        c.Barrier();
    }

    @RankTest
    public void testPlainCommunicatorsHaveNoTopology() {
        assertEquals(MPI.UNDEFINED, comm().Get_topology());
        assertFalse(comm().is_topo());
        assertTrue(MPI.COMM_NULL instanceof Cartcomm);
        assertTrue(MPI.COMM_NULL instanceof Distgraphcomm);
    }
}
