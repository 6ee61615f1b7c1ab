package jmpi.runtime.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jmpi.Cartcomm;
import jmpi.Distgraphcomm;
import jmpi.MPI;
import jmpi.MPIException;

/**
 * Create_cart and Create_dist_graph_adjacent. The members first compare their arguments in a
 * collective of their own, so that a rank given bad ones fails together with the others rather than
 * leaving them waiting in the split; then a split decides the communicator, whose members open the
 * messages of their neighbour collectives.
 */
final class Topologies {
    private Topologies() {
    }

    static Cartcomm cart(ClientComm parent, int[] dims, boolean[] periods) {
        List<int[]> all = parent.allgather(encode(dims, periods));
        CartGrid grid = CartGrid.of(dims, periods, parent.size());
        for (int k = 0; k < all.size(); k++) {
            if (!Arrays.equals(all.get(k), all.get(parent.rank()))) {
                throw new MPIException(MPI.ERR_DIMS, "Create_cart: rank " + k + " gave " + describe(all.get(k))
                        + ", rank " + parent.rank() + " " + describe(all.get(parent.rank()))
                        + "; every rank must give the same dims and periods");
            }
        }
        int colour = parent.rank() < grid.size() ? 0 : MPI.UNDEFINED;
        Object made = parent.split(colour, parent.rank(), CartComm.of(grid));
        return made == MPI.COMM_NULL ? (Cartcomm) MPI.COMM_NULL : (Cartcomm) ((TopoComm) made).open();
    }

    static Distgraphcomm distGraph(ClientComm parent, int[] sources, int[] destinations) {
        int size = parent.size();
        int[] in = sources == null ? new int[0] : sources.clone();
        int[] out = destinations == null ? new int[0] : destinations.clone();
        String outOfRange = outOfRange(in, "source", size);
        if (outOfRange == null) {
            outOfRange = outOfRange(out, "destination", size);
        }
        // each rank tells every other how often it sends to it, which must be how often that one receives from it
        List<Integer> sends = new ArrayList<>(size);
        for (int j = 0; j < size; j++) {
            sends.add(outOfRange != null ? -1 : count(out, j));
        }
        List<Integer> told = parent.alltoall(sends);
        String inconsistent = null;
        for (int j = 0; j < size && inconsistent == null; j++) {
            int says = told.get(j);
            if (says >= 0 && says != count(in, j)) {
                inconsistent = "rank " + j + " sends to rank " + parent.rank() + " " + says + " time(s), which receives"
                        + " from it " + count(in, j) + " time(s); every edge must be a destination of one rank and a"
                        + " source of the other";
            }
        }
        int verdict = outOfRange != null || told.contains(-1) ? 2 : inconsistent != null ? 1 : 0;
        int worst = parent.<Integer>allreduce(verdict, MPI.MAX);
        if (worst == 2) {
            throw new MPIException(MPI.ERR_RANK, "Create_dist_graph_adjacent: " + (outOfRange != null ? outOfRange
                    : "another rank gave a neighbour that is not a rank of the communicator"));
        }
        if (worst == 1) {
            throw new MPIException(MPI.ERR_TOPOLOGY, "Create_dist_graph_adjacent: " + (inconsistent != null
                    ? inconsistent : "the ranks' sources and destinations do not match (another rank says where)"));
        }
        return (Distgraphcomm) ((TopoComm) parent.split(0, parent.rank(), DistGraphComm.of(in, out))).open();
    }

    private static String outOfRange(int[] ranks, String what, int size) {
        for (int r : ranks) {
            if (r < 0 || r >= size) {
                return what + " " + r + " is not a rank of the communicator [0, " + size + ")";
            }
        }
        return null;
    }

    private static int count(int[] ranks, int r) {
        int n = 0;
        for (int x : ranks) {
            n += x == r ? 1 : 0;
        }
        return n;
    }

    /** Create_cart's arguments as one array that ranks compare: the dims' length (-1 for null), dims, then periods alike. */
    private static int[] encode(int[] dims, boolean[] periods) {
        int nd = dims == null ? 0 : dims.length;
        int np = periods == null ? 0 : periods.length;
        int[] a = new int[2 + nd + np];
        a[0] = dims == null ? -1 : nd;
        for (int i = 0; i < nd; i++) {
            a[1 + i] = dims[i];
        }
        a[1 + nd] = periods == null ? -1 : np;
        for (int i = 0; i < np; i++) {
            a[2 + nd + i] = periods[i] ? 1 : 0;
        }
        return a;
    }

    private static String describe(int[] encoded) {
        int nd = Math.max(encoded[0], 0);
        String dims = encoded[0] < 0 ? "null" : Arrays.toString(Arrays.copyOfRange(encoded, 1, 1 + nd));
        String periods = encoded[1 + nd] < 0 ? "null" : Arrays.toString(Arrays.copyOfRange(encoded, 2 + nd,
                encoded.length));
        return "dims " + dims + " periods " + periods;
    }
}
