package jmpi;

/**
 * The persistent operations of a {@link Comm}: each {@code _init} checks its arguments, fixes its
 * buffers and peers and, for a collective, chooses the algorithm, once; the {@link Prequest} it returns
 * then runs the operation at each {@link Prequest#start()}, reading the send buffer's contents as they
 * are then. An nio buffer's position and limit are read at init. A persistent collective is started by
 * every rank, in the same order as the communicator's other collectives.
 */
public interface Persistent {

    // ---- Point-to-point ----------------------------------------------------------------------------

    /** A persistent standard send of a buffer (see {@link PointToPoint#Isend}). */
    Prequest<Void> Send_init(Object buf, int dest, int tag);

    default Prequest<Void> Send_init(Object buf, int dest) {
        return Send_init(buf, dest, 0);
    }

    /** A persistent synchronous send: each start completes once its receive has matched. */
    Prequest<Void> Ssend_init(Object buf, int dest, int tag);

    default Prequest<Void> Ssend_init(Object buf, int dest) {
        return Ssend_init(buf, dest, 0);
    }

    /** A persistent buffered send: each start copies the message into the attached buffer (ERR_BUFFER if it does not fit). */
    Prequest<Void> Bsend_init(Object buf, int dest, int tag);

    default Prequest<Void> Bsend_init(Object buf, int dest) {
        return Bsend_init(buf, dest, 0);
    }

    /** A persistent ready send (sent as a standard send, see {@link PointToPoint#Irsend}). */
    default Prequest<Void> Rsend_init(Object buf, int dest, int tag) {
        return Send_init(buf, dest, tag);
    }

    default Prequest<Void> Rsend_init(Object buf, int dest) {
        return Rsend_init(buf, dest, 0);
    }

    /** A persistent receive into a buffer; each start completes with the status of the message it got. */
    Prequest<Status> Recv_init(Object buf, int source, int tag);

    default Prequest<Status> Recv_init(Object buf, int source) {
        return Recv_init(buf, source, MPI.ANY_TAG);
    }

    default Prequest<Status> Recv_init(Object buf) {
        return Recv_init(buf, MPI.ANY_SOURCE, MPI.ANY_TAG);
    }

    /** A persistent send of an object, serialized afresh at each start. */
    Prequest<Void> send_init(Object obj, int dest, int tag);

    default Prequest<Void> send_init(Object obj, int dest) {
        return send_init(obj, dest, 0);
    }

    /** A persistent receive of an object; each start completes with the object it got. */
    <T> Prequest<T> recv_init(int source, int tag);

    default <T> Prequest<T> recv_init(int source) {
        return recv_init(source, MPI.ANY_TAG);
    }

    default <T> Prequest<T> recv_init() {
        return recv_init(MPI.ANY_SOURCE, MPI.ANY_TAG);
    }

    // ---- Collectives on buffers --------------------------------------------------------------------

    /** A persistent barrier. */
    Prequest<Void> Barrier_init();

    /** A persistent broadcast of root's buffer into every rank's buffer. */
    Prequest<Void> Bcast_init(Object buf, int root);

    default Prequest<Void> Bcast_init(Object buf) {
        return Bcast_init(buf, 0);
    }

    /** A persistent element-wise reduction into root's receive buffer. */
    Prequest<Void> Reduce_init(Object sendbuf, Object recvbuf, Op op, int root);

    default Prequest<Void> Reduce_init(Object sendbuf, Object recvbuf, Op op) {
        return Reduce_init(sendbuf, recvbuf, op, 0);
    }

    /** A persistent element-wise reduction whose result reaches every rank's receive buffer. */
    Prequest<Void> Allreduce_init(Object sendbuf, Object recvbuf, Op op);

    default Prequest<Void> Allreduce_init(Object sendbuf, Object recvbuf) {
        return Allreduce_init(sendbuf, recvbuf, Op.SUM);
    }

    /** A persistent inclusive prefix reduction (see {@link Comm#Scan}). */
    Prequest<Void> Scan_init(Object sendbuf, Object recvbuf, Op op);

    /** A persistent exclusive prefix reduction (see {@link Comm#Exscan}). */
    Prequest<Void> Exscan_init(Object sendbuf, Object recvbuf, Op op);

    /** A persistent gather into root's receive buffer (see {@link Comm#Gather}). */
    Prequest<Void> Gather_init(Object sendbuf, Object recvbuf, int root);

    /** A persistent gather with per-rank counts and displacements at the root (see {@link Comm#Gatherv}). */
    Prequest<Void> Gatherv_init(Object sendbuf, Object recvbuf, int[] counts, int[] displs, int root);

    /** A persistent scatter of root's send buffer in equal chunks (see {@link Comm#Scatter}). */
    Prequest<Void> Scatter_init(Object sendbuf, Object recvbuf, int root);

    /** A persistent scatter with per-rank counts and displacements at the root (see {@link Comm#Scatterv}). */
    Prequest<Void> Scatterv_init(Object sendbuf, int[] counts, int[] displs, Object recvbuf, int root);

    /** A persistent allgather (see {@link Comm#Allgather}). */
    Prequest<Void> Allgather_init(Object sendbuf, Object recvbuf);

    /** A persistent allgather with per-rank counts and displacements (see {@link Comm#Allgatherv}). */
    Prequest<Void> Allgatherv_init(Object sendbuf, Object recvbuf, int[] counts, int[] displs);

    /** A persistent all-to-all exchange of equal chunks (see {@link Comm#Alltoall}). */
    Prequest<Void> Alltoall_init(Object sendbuf, Object recvbuf);

    /** A persistent all-to-all exchange with per-rank counts and displacements (see {@link Comm#Alltoallv}). */
    Prequest<Void> Alltoallv_init(Object sendbuf, int[] sendcounts, int[] sdispls, Object recvbuf,
                                  int[] recvcounts, int[] rdispls);
}
