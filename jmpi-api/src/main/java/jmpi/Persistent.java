package jmpi;

/**
 * The persistent operations of a {@link Comm}: each {@code _init} checks its arguments, fixes its
 * buffers and peers and, for a collective, chooses the algorithm, once; the {@link Prequest} it returns
 * then runs the operation at each {@link Prequest#start()}, reading the send buffer's contents as they
 * are then. An nio buffer's position and limit are read at init. A persistent collective is started by
 * every rank, in the same order as the communicator's other collectives.
 *
 * <p>The arguments are those of the matching nonblocking operation ({@link PointToPoint#Isend},
 * {@link Comm#Ibcast}, ...), checked the same way at init.
 */
public interface Persistent {

    // ---- Point-to-point ----------------------------------------------------------------------------

    /**
     * A persistent standard send of a buffer (see {@link PointToPoint#Isend}).
     *
     * @param buf  the buffer to send
     * @param dest the receiving rank
     * @param tag  the message tag
     * @return the inactive request; each start completes once its message is handed off
     */
    Prequest<Void> Send_init(Object buf, int dest, int tag);

    /**
     * A persistent standard send with tag 0.
     *
     * @param buf  the buffer to send
     * @param dest the receiving rank
     * @return the inactive request
     */
    default Prequest<Void> Send_init(Object buf, int dest) {
        return Send_init(buf, dest, 0);
    }

    /**
     * A persistent synchronous send: each start completes once its receive has matched.
     *
     * @param buf  the buffer to send
     * @param dest the receiving rank
     * @param tag  the message tag
     * @return the inactive request
     */
    Prequest<Void> Ssend_init(Object buf, int dest, int tag);

    /**
     * A persistent synchronous send with tag 0.
     *
     * @param buf  the buffer to send
     * @param dest the receiving rank
     * @return the inactive request
     */
    default Prequest<Void> Ssend_init(Object buf, int dest) {
        return Ssend_init(buf, dest, 0);
    }

    /**
     * A persistent buffered send: each start copies the message into the attached buffer (ERR_BUFFER if it does not fit).
     *
     * @param buf  the buffer to send
     * @param dest the receiving rank
     * @param tag  the message tag
     * @return the inactive request
     */
    Prequest<Void> Bsend_init(Object buf, int dest, int tag);

    /**
     * A persistent buffered send with tag 0.
     *
     * @param buf  the buffer to send
     * @param dest the receiving rank
     * @return the inactive request
     */
    default Prequest<Void> Bsend_init(Object buf, int dest) {
        return Bsend_init(buf, dest, 0);
    }

    /**
     * A persistent ready send (sent as a standard send, see {@link PointToPoint#Irsend}).
     *
     * @param buf  the buffer to send
     * @param dest the receiving rank
     * @param tag  the message tag
     * @return the inactive request
     */
    default Prequest<Void> Rsend_init(Object buf, int dest, int tag) {
        return Send_init(buf, dest, tag);
    }

    /**
     * A persistent ready send with tag 0.
     *
     * @param buf  the buffer to send
     * @param dest the receiving rank
     * @return the inactive request
     */
    default Prequest<Void> Rsend_init(Object buf, int dest) {
        return Rsend_init(buf, dest, 0);
    }

    /**
     * A persistent receive into a buffer; each start completes with the status of the message it got.
     *
     * @param buf    the buffer to receive into
     * @param source the sending rank, {@link MPI#ANY_SOURCE} or {@link MPI#PROC_NULL}
     * @param tag    the tag to match, or {@link MPI#ANY_TAG}
     * @return the inactive request
     */
    Prequest<Status> Recv_init(Object buf, int source, int tag);

    /**
     * A persistent receive of any tag from source.
     *
     * @param buf    the buffer to receive into
     * @param source the sending rank, {@link MPI#ANY_SOURCE} or {@link MPI#PROC_NULL}
     * @return the inactive request
     */
    default Prequest<Status> Recv_init(Object buf, int source) {
        return Recv_init(buf, source, MPI.ANY_TAG);
    }

    /**
     * A persistent receive of any message.
     *
     * @param buf the buffer to receive into
     * @return the inactive request
     */
    default Prequest<Status> Recv_init(Object buf) {
        return Recv_init(buf, MPI.ANY_SOURCE, MPI.ANY_TAG);
    }

    /**
     * A persistent send of an object, serialized afresh at each start.
     *
     * @param obj  the object to send
     * @param dest the receiving rank
     * @param tag  the message tag
     * @return the inactive request
     */
    Prequest<Void> send_init(Object obj, int dest, int tag);

    /**
     * A persistent send of an object with tag 0.
     *
     * @param obj  the object to send
     * @param dest the receiving rank
     * @return the inactive request
     */
    default Prequest<Void> send_init(Object obj, int dest) {
        return send_init(obj, dest, 0);
    }

    /**
     * A persistent receive of an object; each start completes with the object it got.
     *
     * @param source the sending rank, {@link MPI#ANY_SOURCE} or {@link MPI#PROC_NULL}
     * @param tag    the tag to match, or {@link MPI#ANY_TAG}
     * @param <T>    the object's type
     * @return the inactive request
     */
    <T> Prequest<T> recv_init(int source, int tag);

    /**
     * A persistent receive of an object of any tag from source.
     *
     * @param source the sending rank, {@link MPI#ANY_SOURCE} or {@link MPI#PROC_NULL}
     * @param <T>    the object's type
     * @return the inactive request
     */
    default <T> Prequest<T> recv_init(int source) {
        return recv_init(source, MPI.ANY_TAG);
    }

    /**
     * A persistent receive of any object.
     *
     * @param <T> the object's type
     * @return the inactive request
     */
    default <T> Prequest<T> recv_init() {
        return recv_init(MPI.ANY_SOURCE, MPI.ANY_TAG);
    }

    // ---- Collectives on buffers --------------------------------------------------------------------

    /**
     * A persistent barrier.
     *
     * @return the inactive request; each start completes once every rank has started its own
     */
    Prequest<Void> Barrier_init();

    /**
     * A persistent broadcast of root's buffer into every rank's buffer.
     *
     * @param buf  the buffer: read on root, written on the other ranks
     * @param root the rank that sends
     * @return the inactive request
     */
    Prequest<Void> Bcast_init(Object buf, int root);

    /**
     * A persistent broadcast from rank 0.
     *
     * @param buf the buffer: read on rank 0, written on the other ranks
     * @return the inactive request
     */
    default Prequest<Void> Bcast_init(Object buf) {
        return Bcast_init(buf, 0);
    }

    /**
     * A persistent element-wise reduction into root's receive buffer.
     *
     * @param sendbuf this rank's operands
     * @param recvbuf root's receive buffer
     * @param op      the reduce operation
     * @param root    the rank that gets the result
     * @return the inactive request
     */
    Prequest<Void> Reduce_init(Object sendbuf, Object recvbuf, Op op, int root);

    /**
     * A persistent element-wise reduction into rank 0's receive buffer.
     *
     * @param sendbuf this rank's operands
     * @param recvbuf rank 0's receive buffer
     * @param op      the reduce operation
     * @return the inactive request
     */
    default Prequest<Void> Reduce_init(Object sendbuf, Object recvbuf, Op op) {
        return Reduce_init(sendbuf, recvbuf, op, 0);
    }

    /**
     * A persistent element-wise reduction whose result reaches every rank's receive buffer.
     *
     * @param sendbuf this rank's operands, or {@link MPI#IN_PLACE}
     * @param recvbuf this rank's receive buffer
     * @param op      the reduce operation
     * @return the inactive request
     */
    Prequest<Void> Allreduce_init(Object sendbuf, Object recvbuf, Op op);

    /**
     * A persistent element-wise sum whose result reaches every rank's receive buffer.
     *
     * @param sendbuf this rank's operands, or {@link MPI#IN_PLACE}
     * @param recvbuf this rank's receive buffer
     * @return the inactive request
     */
    default Prequest<Void> Allreduce_init(Object sendbuf, Object recvbuf) {
        return Allreduce_init(sendbuf, recvbuf, Op.SUM);
    }

    /**
     * A persistent inclusive prefix reduction (see {@link Comm#Scan}).
     *
     * @param sendbuf this rank's operands, or {@link MPI#IN_PLACE}
     * @param recvbuf this rank's receive buffer
     * @param op      the reduce operation
     * @return the inactive request
     */
    Prequest<Void> Scan_init(Object sendbuf, Object recvbuf, Op op);

    /**
     * A persistent exclusive prefix reduction (see {@link Comm#Exscan}).
     *
     * @param sendbuf this rank's operands, or {@link MPI#IN_PLACE}
     * @param recvbuf this rank's receive buffer
     * @param op      the reduce operation
     * @return the inactive request
     */
    Prequest<Void> Exscan_init(Object sendbuf, Object recvbuf, Op op);

    /**
     * A persistent gather into root's receive buffer (see {@link Comm#Gather}).
     *
     * @param sendbuf this rank's buffer
     * @param recvbuf root's receive buffer, size × count elements
     * @param root    the rank that receives
     * @return the inactive request
     */
    Prequest<Void> Gather_init(Object sendbuf, Object recvbuf, int root);

    /**
     * A persistent gather with per-rank counts and displacements at the root (see {@link Comm#Gatherv}).
     *
     * @param sendbuf this rank's buffer
     * @param recvbuf root's receive buffer
     * @param counts  root's count of elements from each rank
     * @param displs  root's offset, in elements, of each rank's part in recvbuf
     * @param root    the rank that receives
     * @return the inactive request
     */
    Prequest<Void> Gatherv_init(Object sendbuf, Object recvbuf, int[] counts, int[] displs, int root);

    /**
     * A persistent scatter of root's send buffer in equal chunks (see {@link Comm#Scatter}).
     *
     * @param sendbuf root's buffer, size chunks
     * @param recvbuf this rank's receive buffer
     * @param root    the rank that sends
     * @return the inactive request
     */
    Prequest<Void> Scatter_init(Object sendbuf, Object recvbuf, int root);

    /**
     * A persistent scatter with per-rank counts and displacements at the root (see {@link Comm#Scatterv}).
     *
     * @param sendbuf root's buffer
     * @param counts  root's count of elements for each rank
     * @param displs  root's offset, in elements, of each rank's part in sendbuf
     * @param recvbuf this rank's receive buffer
     * @param root    the rank that sends
     * @return the inactive request
     */
    Prequest<Void> Scatterv_init(Object sendbuf, int[] counts, int[] displs, Object recvbuf, int root);

    /**
     * A persistent allgather (see {@link Comm#Allgather}).
     *
     * @param sendbuf this rank's buffer, or {@link MPI#IN_PLACE}
     * @param recvbuf every rank's receive buffer, size × count elements
     * @return the inactive request
     */
    Prequest<Void> Allgather_init(Object sendbuf, Object recvbuf);

    /**
     * A persistent allgather with per-rank counts and displacements (see {@link Comm#Allgatherv}).
     *
     * @param sendbuf this rank's buffer, or {@link MPI#IN_PLACE}
     * @param recvbuf every rank's receive buffer
     * @param counts  the count of elements from each rank
     * @param displs  the offset, in elements, of each rank's part in recvbuf
     * @return the inactive request
     */
    Prequest<Void> Allgatherv_init(Object sendbuf, Object recvbuf, int[] counts, int[] displs);

    /**
     * A persistent all-to-all exchange of equal chunks (see {@link Comm#Alltoall}).
     *
     * @param sendbuf size chunks: chunk j goes to rank j
     * @param recvbuf size chunks: chunk i comes from rank i
     * @return the inactive request
     */
    Prequest<Void> Alltoall_init(Object sendbuf, Object recvbuf);

    /**
     * A persistent all-to-all exchange with per-rank counts and displacements (see {@link Comm#Alltoallv}).
     *
     * @param sendbuf    the send buffer
     * @param sendcounts the count of elements for each rank
     * @param sdispls    the offset, in elements, of each rank's part in sendbuf
     * @param recvbuf    the receive buffer
     * @param recvcounts the count of elements from each rank
     * @param rdispls    the offset, in elements, of each rank's part in recvbuf
     * @return the inactive request
     */
    Prequest<Void> Alltoallv_init(Object sendbuf, int[] sendcounts, int[] sdispls, Object recvbuf,
                                  int[] recvcounts, int[] rdispls);
}
