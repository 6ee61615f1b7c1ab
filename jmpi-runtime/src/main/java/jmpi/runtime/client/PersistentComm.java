package jmpi.runtime.client;

import jmpi.Comm;
import jmpi.Op;
import jmpi.Prequest;
import jmpi.Status;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Parts;

/**
 * The persistent operations of a {@link ClientComm}: each {@code _init} checks its arguments and fixes
 * buffers, peers and algorithm now, through the same calls that the nonblocking forms make, and
 * returns a request that starts the prepared operation whenever it is started.
 */
abstract class PersistentComm implements Comm {

    abstract CommCore core();

    abstract PointToPointCalls p2p();

    abstract BufferCalls buffers();

    abstract BufferedSends buffered();

    <T> Prequest<T> persistent(String name, Starter<T> starter) {
        return new PersistentRequest<>(core(), name, starter);
    }

    // ---- point-to-point ----------------------------------------------------------------------------

    @Override
    public Prequest<Void> Send_init(Object buf, int dest, int tag) {
        return persistent("Send_init", buffers().send(buf, dest, tag, false));
    }

    @Override
    public Prequest<Void> Ssend_init(Object buf, int dest, int tag) {
        return persistent("Ssend_init", buffers().send(buf, dest, tag, true));
    }

    @Override
    public Prequest<Void> Bsend_init(Object buf, int dest, int tag) {
        return persistent("Bsend_init", buffered().bsend(buf, dest, tag));
    }

    @Override
    public Prequest<Status> Recv_init(Object buf, int source, int tag) {
        return persistent("Recv_init", buffers().recv(buf, source, tag));
    }

    @Override
    public Prequest<Void> send_init(Object obj, int dest, int tag) {
        p2p().checkSend(dest, tag);
        // the object is serialized at each start: its state then is what goes
        return persistent("send_init", () -> p2p().send(obj, dest, tag, false));
    }

    @Override
    public <T> Prequest<T> recv_init(int source, int tag) {
        p2p().checkRecv(source, tag);
        return persistent("recv_init", () -> p2p().irecv(source, tag));
    }

    // ---- collectives -------------------------------------------------------------------------------

    @Override
    public Prequest<Void> Barrier_init() {
        CommCore.Launch<Void> launch = core().prepare(Kind.BARRIER, 0, 0, 0, 0, r -> null);
        return persistent("Barrier_init", () -> launch.start(Parts.NONE));
    }

    @Override
    public Prequest<Void> Bcast_init(Object buf, int root) {
        return persistent("Bcast_init", buffers().bcast(buf, root));
    }

    @Override
    public Prequest<Void> Reduce_init(Object sendbuf, Object recvbuf, Op op, int root) {
        return persistent("Reduce_init", buffers().reduce(sendbuf, recvbuf, op, root));
    }

    @Override
    public Prequest<Void> Allreduce_init(Object sendbuf, Object recvbuf, Op op) {
        return persistent("Allreduce_init", buffers().reduceToEvery(Kind.ALLREDUCE, sendbuf, recvbuf, op));
    }

    @Override
    public Prequest<Void> Scan_init(Object sendbuf, Object recvbuf, Op op) {
        return persistent("Scan_init", buffers().reduceToEvery(Kind.SCAN, sendbuf, recvbuf, op));
    }

    @Override
    public Prequest<Void> Exscan_init(Object sendbuf, Object recvbuf, Op op) {
        return persistent("Exscan_init", buffers().reduceToEvery(Kind.EXSCAN, sendbuf, recvbuf, op));
    }

    @Override
    public Prequest<Void> Gather_init(Object sendbuf, Object recvbuf, int root) {
        return persistent("Gather_init", buffers().gather(sendbuf, recvbuf, root));
    }

    @Override
    public Prequest<Void> Gatherv_init(Object sendbuf, Object recvbuf, int[] counts, int[] displs, int root) {
        return persistent("Gatherv_init", buffers().gatherv(sendbuf, recvbuf, counts, displs, root));
    }

    @Override
    public Prequest<Void> Scatter_init(Object sendbuf, Object recvbuf, int root) {
        return persistent("Scatter_init", buffers().scatter(sendbuf, recvbuf, root));
    }

    @Override
    public Prequest<Void> Scatterv_init(Object sendbuf, int[] counts, int[] displs, Object recvbuf, int root) {
        return persistent("Scatterv_init", buffers().scatterv(sendbuf, counts, displs, recvbuf, root));
    }

    @Override
    public Prequest<Void> Allgather_init(Object sendbuf, Object recvbuf) {
        return persistent("Allgather_init", buffers().allgather(sendbuf, recvbuf));
    }

    @Override
    public Prequest<Void> Allgatherv_init(Object sendbuf, Object recvbuf, int[] counts, int[] displs) {
        return persistent("Allgatherv_init", buffers().allgatherv(sendbuf, recvbuf, counts, displs));
    }

    @Override
    public Prequest<Void> Alltoall_init(Object sendbuf, Object recvbuf) {
        return persistent("Alltoall_init", buffers().alltoall(sendbuf, recvbuf));
    }

    @Override
    public Prequest<Void> Alltoallv_init(Object sendbuf, int[] sendcounts, int[] sdispls, Object recvbuf,
                                         int[] recvcounts, int[] rdispls) {
        return persistent("Alltoallv_init",
                buffers().alltoallv(sendbuf, sendcounts, sdispls, recvbuf, recvcounts, rdispls));
    }
}
