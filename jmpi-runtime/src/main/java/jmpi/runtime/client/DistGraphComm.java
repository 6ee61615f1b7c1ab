package jmpi.runtime.client;

import jmpi.Distgraphcomm;
import jmpi.MPI;
import jmpi.runtime.link.Link;
import jmpi.runtime.p2p.DataPlane;

/** A distributed graph communicator: each rank's own sources and destinations, as it gave them. */
final class DistGraphComm extends TopoComm implements Distgraphcomm {
    private final int[] sources;
    private final int[] destinations;

    DistGraphComm(ClientSession session, Link link, DataPlane data, int id, int rank, int[] members, int[] sources,
            int[] destinations) {
        super(session, link, data, id, rank, members);
        this.sources = sources;
        this.destinations = destinations;
    }

    /** Makes this rank's part of a graph whose edges at this rank are sources and destinations. */
    static Maker of(int[] sources, int[] destinations) {
        return (session, link, data, id, rank, members) -> new DistGraphComm(session, link, data, id, rank, members,
                sources, destinations);
    }

    @Override
    NeighborCalls openNeighbours(ClientComm channel) {
        return NeighborCalls.graph(channel, sources, destinations);
    }

    @Override
    Maker sameTopology() {
        return of(sources, destinations);
    }

    @Override
    public int Get_topology() {
        return MPI.DIST_GRAPH;
    }

    @Override
    public String toString() {
        return "Distgraphcomm" + super.toString().substring("Comm".length());
    }
}
