package jmpi.tests.topo;

import java.util.ArrayList;
import java.util.List;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.Topocomm;

/**
 * The topologies the neighbour suites run on, after mpi4py's: a periodic Cartesian grid (a cube, a
 * square or a ring, whichever the size makes), an open 2-D grid, and a distributed graph in which
 * each rank receives from the two ranks below it and sends to the two above; with the model of
 * which of its sender's blocks each receive block holds.
 */
final class Topologies {
    private Topologies() {
    }

    static int[] graphSources(int rank, int size) {
        return new int[] {Math.floorMod(rank - 2, size), Math.floorMod(rank - 1, size)};
    }

    static int[] graphDestinations(int rank, int size) {
        return new int[] {(rank + 1) % size, (rank + 2) % size};
    }

    /** Every topology, made on comm; the caller frees them. */
    static List<Topocomm> create(Comm comm) {
        int size = comm.size();
        int rank = comm.rank();
        List<Topocomm> all = new ArrayList<>();
        int cube = (int) Math.round(Math.cbrt(size));
        int square = (int) Math.round(Math.sqrt(size));
        int[] dims = cube * cube * cube == size ? new int[] {cube, cube, cube}
                : square * square == size ? new int[] {square, square} : new int[] {size};
        boolean[] periods = new boolean[dims.length];
        java.util.Arrays.fill(periods, true);
        all.add(comm.Create_cart(dims, periods));
        all.add(comm.Create_cart(MPI.Compute_dims(size, 2), new boolean[] {false, false}, true));
        all.add(comm.Create_dist_graph_adjacent(graphSources(rank, size), graphDestinations(rank, size)));
        return all;
    }

    /**
     * For each receive block of t, the send block of its in-neighbour that lands there: on a grid
     * the one facing back (the rank at -1 sent it towards +1); in the graph the k-th edge from s to
     * this rank is the k-th time s names this rank.
     */
    static int[] senderBlocks(Topocomm t) {
        int[] in = t.inedges();
        int[] blocks = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            if (t.Get_topology() == MPI.CART) {
                blocks[i] = i ^ 1;
                continue;
            }
            int k = 0;
            for (int p = 0; p < i; p++) {
                k += in[p] == in[i] ? 1 : 0;
            }
            int[] theirs = graphDestinations(in[i], t.size());
            for (int j = 0; j < theirs.length; j++) {
                if (theirs[j] == t.rank() && k-- == 0) {
                    blocks[i] = j;
                    break;
                }
            }
        }
        return blocks;
    }
}
