package jmpi;

/**
 * A communicator with a distributed graph topology, made by
 * {@link Comm#Create_dist_graph_adjacent(int[], int[], boolean)}: each rank knows the ranks it receives
 * from ({@link #inedges()}) and sends to ({@link #outedges()}), in the order it gave them.
 */
public interface Distgraphcomm extends Topocomm {

    /**
     * This rank's neighbours, as given when the communicator was made (MPI's {@code MPI_Dist_graph_neighbors}).
     *
     * @param sources      the ranks this rank receives from, in order
     * @param destinations the ranks this rank sends to, in order
     */
    record Neighbors(int[] sources, int[] destinations) {
    }

    /**
     * This rank's neighbours.
     *
     * @return new arrays of the sources and the destinations
     */
    default Neighbors Get_dist_neighbors() {
        return new Neighbors(inedges(), outedges());
    }

    /**
     * Always {@link MPI#DIST_GRAPH}.
     *
     * @return {@link MPI#DIST_GRAPH}
     */
    @Override
    default int Get_topology() {
        return MPI.DIST_GRAPH;
    }
}
