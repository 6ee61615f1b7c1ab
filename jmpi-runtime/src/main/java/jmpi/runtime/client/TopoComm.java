package jmpi.runtime.client;

import java.util.List;
import jmpi.Comm;
import jmpi.Prequest;
import jmpi.Request;
import jmpi.Topocomm;
import jmpi.runtime.link.Link;
import jmpi.runtime.p2p.DataPlane;

/**
 * A communicator with a topology: every {@link ClientComm} operation, the neighbour collectives
 * (through {@link NeighborCalls}, opened once the members have their communicator), and a Dup that
 * keeps the topology.
 */
abstract class TopoComm extends ClientComm implements Topocomm {
    private NeighborCalls neighbours;

    TopoComm(ClientSession session, Link link, DataPlane data, int id, int rank, int[] members) {
        super(session, link, data, id, rank, members);
    }

    /** Collective over the members: makes the communicator the neighbour collectives' messages take. */
    abstract NeighborCalls openNeighbours(ClientComm channel);

    /** Makes a communicator of the same topology, for Dup. */
    abstract Maker sameTopology();

    /** Opens the neighbours (collective); this communicator is ready after. */
    final TopoComm open() {
        neighbours = openNeighbours((ClientComm) split(0, rank(), ClientComm::new));
        return this;
    }

    @Override
    public Comm Dup() {
        return ((TopoComm) split(0, rank(), sameTopology())).open();
    }

    @Override
    public void Free() {
        super.Free();
        neighbours.free();
    }

    @Override
    public int indegree() {
        return neighbours.in().length;
    }

    @Override
    public int outdegree() {
        return neighbours.out().length;
    }

    @Override
    public int[] inedges() {
        return neighbours.in();
    }

    @Override
    public int[] outedges() {
        return neighbours.out();
    }

    @Override
    public <T> Request<List<T>> ineighbor_allgather(T obj) {
        return neighbours.allgather(obj);
    }

    @Override
    public <T> Request<List<T>> ineighbor_alltoall(List<? extends T> objs) {
        return neighbours.alltoall(objs);
    }

    @Override
    public Request<Void> Ineighbor_allgather(Object sendbuf, Object recvbuf) {
        return neighbours.allgather(sendbuf, recvbuf).start();
    }

    @Override
    public Request<Void> Ineighbor_allgatherv(Object sendbuf, Object recvbuf, int[] counts, int[] displs) {
        return neighbours.allgatherv(sendbuf, recvbuf, counts, displs).start();
    }

    @Override
    public Request<Void> Ineighbor_alltoall(Object sendbuf, Object recvbuf) {
        return neighbours.alltoall(sendbuf, recvbuf).start();
    }

    @Override
    public Request<Void> Ineighbor_alltoallw(Object[] sendbufs, Object[] recvbufs) {
        return neighbours.alltoallw(sendbufs, recvbufs).start();
    }

    @Override
    public Request<Void> Ineighbor_alltoallv(Object sendbuf, int[] sendcounts, int[] sdispls, Object recvbuf,
            int[] recvcounts, int[] rdispls) {
        return neighbours.alltoallv(sendbuf, sendcounts, sdispls, recvbuf, recvcounts, rdispls).start();
    }

    // ---- persistent neighbour collectives ------------------------------------------------------------

    @Override
    public Prequest<Void> Neighbor_allgather_init(Object sendbuf, Object recvbuf) {
        return persistent("Neighbor_allgather_init", neighbours.allgather(sendbuf, recvbuf));
    }

    @Override
    public Prequest<Void> Neighbor_allgatherv_init(Object sendbuf, Object recvbuf, int[] counts, int[] displs) {
        return persistent("Neighbor_allgatherv_init", neighbours.allgatherv(sendbuf, recvbuf, counts, displs));
    }

    @Override
    public Prequest<Void> Neighbor_alltoall_init(Object sendbuf, Object recvbuf) {
        return persistent("Neighbor_alltoall_init", neighbours.alltoall(sendbuf, recvbuf));
    }

    @Override
    public Prequest<Void> Neighbor_alltoallv_init(Object sendbuf, int[] sendcounts, int[] sdispls, Object recvbuf,
            int[] recvcounts, int[] rdispls) {
        return persistent("Neighbor_alltoallv_init", neighbours.alltoallv(sendbuf, sendcounts, sdispls, recvbuf,
                recvcounts, rdispls));
    }

    @Override
    public Prequest<Void> Neighbor_alltoallw_init(Object[] sendbufs, Object[] recvbufs) {
        return persistent("Neighbor_alltoallw_init", neighbours.alltoallw(sendbufs, recvbufs));
    }
}
