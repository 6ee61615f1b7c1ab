package jmpi;

import java.util.List;
import java.util.function.Function;
import jmpi.op.OperationRequest;

/**
 * A communicator: a group of ranks that talk to each other.
 *
 * <p>Lowercase methods move Java objects (serialized); overloads default {@code root} to 0, {@code op}
 * to {@link Op#SUM}, {@code source} to {@link MPI#ANY_SOURCE} and {@code tag} to {@link MPI#ANY_TAG}
 * (0 for sends). Methods starting with {@code i} do not block and return a {@link Request}. Rooted
 * collectives return {@code null} on ranks other than the root. Bad arguments (a root or rank out of
 * range, a negative tag) fail locally with {@link MPIException} before anything is sent.
 */
public interface Comm extends PointToPoint, Persistent {

    // ---- Communicator -------------------------------------------------------------------------

    /** This process's rank in the communicator. */
    int rank();

    /** The number of ranks in the communicator. */
    int size();

    /** mpi4py's spelling of {@link #rank()}. */
    default int Get_rank() {
        return rank();
    }

    /** mpi4py's spelling of {@link #size()}. */
    default int Get_size() {
        return size();
    }

    /** Duplicates the communicator (collective): same ranks, separate traffic. */
    Comm Dup();

    /**
     * Splits the communicator by colour (collective); ranks are ordered by key, then old rank.
     * {@link MPI#UNDEFINED} as colour gives {@link MPI#COMM_NULL}.
     */
    Comm Split(int color, int key);

    /** Splits with the old rank as key. */
    default Comm Split(int color) {
        return Split(color, rank());
    }

    /** Frees the communicator; later use fails with {@code ERR_COMM}. */
    void Free();

    /** Waits for this rank's pending operations on the communicator, then frees it. */
    void Disconnect();

    /**
     * Aborts the job: this rank leaves at once with errorcode as its exit status, the launcher stops the
     * job, and every other rank's operations with it fail. Does not return. ERR_ARG for a negative code.
     */
    void Abort(int errorcode);

    // ---- Collectives on objects ---------------------------------------------------------------

    /** Starts a barrier. */
    Request<Void> ibarrier();

    /** Blocks until every rank has entered the barrier. */
    default void barrier() {
        ibarrier().waitFor();
    }

    /** Starts a broadcast of obj from root. */
    <T> Request<T> ibcast(T obj, int root);

    default <T> Request<T> ibcast(T obj) {
        return ibcast(obj, 0);
    }

    /** Broadcasts obj from root to every rank; returns root's object. */
    default <T> T bcast(T obj, int root) {
        return ibcast(obj, root).waitFor();
    }

    default <T> T bcast(T obj) {
        return bcast(obj, 0);
    }

    /** Starts a gather to root. */
    <T> Request<List<T>> igather(T obj, int root);

    default <T> Request<List<T>> igather(T obj) {
        return igather(obj, 0);
    }

    /** Gathers every rank's object to root, in rank order; {@code null} on other ranks. */
    default <T> List<T> gather(T obj, int root) {
        return igather(obj, root).waitFor();
    }

    default <T> List<T> gather(T obj) {
        return gather(obj, 0);
    }

    /** Starts a scatter from root. */
    <T> Request<T> iscatter(List<? extends T> objs, int root);

    default <T> Request<T> iscatter(List<? extends T> objs) {
        return iscatter(objs, 0);
    }

    /** Sends element i of root's list to rank i; the list is ignored (may be null) on other ranks. */
    default <T> T scatter(List<? extends T> objs, int root) {
        return this.<T>iscatter(objs, root).waitFor();
    }

    default <T> T scatter(List<? extends T> objs) {
        return scatter(objs, 0);
    }

    /** Starts an allgather. */
    <T> Request<List<T>> iallgather(T obj);

    /** Gathers every rank's object to every rank, in rank order. */
    default <T> List<T> allgather(T obj) {
        return iallgather(obj).waitFor();
    }

    /** Starts an all-to-all exchange. */
    <T> Request<List<T>> ialltoall(List<? extends T> objs);

    /** Sends element j of this rank's list to rank j; returns what every rank sent to this one. */
    default <T> List<T> alltoall(List<? extends T> objs) {
        return this.<T>ialltoall(objs).waitFor();
    }

    /** Starts a reduction to root. */
    <R> Request<R> ireduce(Object obj, Op op, int root);

    default <R> Request<R> ireduce(Object obj, Op op) {
        return ireduce(obj, op, 0);
    }

    default <R> Request<R> ireduce(Object obj) {
        return ireduce(obj, Op.SUM, 0);
    }

    /** Reduces every rank's object with op, in rank order, to root; {@code null} on other ranks. */
    default <R> R reduce(Object obj, Op op, int root) {
        return this.<R>ireduce(obj, op, root).waitFor();
    }

    default <R> R reduce(Object obj, Op op) {
        return reduce(obj, op, 0);
    }

    default <R> R reduce(Object obj) {
        return reduce(obj, Op.SUM, 0);
    }

    /** Starts a reduction whose result reaches every rank. */
    <R> Request<R> iallreduce(Object obj, Op op);

    default <R> Request<R> iallreduce(Object obj) {
        return iallreduce(obj, Op.SUM);
    }

    /** Reduces every rank's object with op, in rank order; every rank gets the result. */
    default <R> R allreduce(Object obj, Op op) {
        return this.<R>iallreduce(obj, op).waitFor();
    }

    default <R> R allreduce(Object obj) {
        return allreduce(obj, Op.SUM);
    }

    /** Starts an inclusive prefix reduction. */
    <R> Request<R> iscan(Object obj, Op op);

    /** Reduces, in rank order, the objects of ranks 0 to this one: rank i gets the fold of ranks 0..i. */
    default <R> R scan(Object obj, Op op) {
        return this.<R>iscan(obj, op).waitFor();
    }

    default <R> R scan(Object obj) {
        return scan(obj, Op.SUM);
    }

    /** Starts an exclusive prefix reduction. */
    <R> Request<R> iexscan(Object obj, Op op);

    /** Reduces, in rank order, the objects of the ranks before this one; {@code null} on rank 0. */
    default <R> R exscan(Object obj, Op op) {
        return this.<R>iexscan(obj, op).waitFor();
    }

    default <R> R exscan(Object obj) {
        return exscan(obj, Op.SUM);
    }

    // ---- Collectives on buffers --------------------------------------------------------------
    //
    // A buffer is a primitive array (byte[] short[] char[] int[] long[] float[] double[] boolean[]) or
    // a java.nio buffer (heap or direct; its position and limit are respected and left unchanged).
    // Counts and displacements are in elements. MPI.IN_PLACE may stand for the send buffer where MPI
    // allows it. Anything else fails with ERR_BUFFER before anything is sent.

    /** Starts a barrier. */
    default Request<Void> Ibarrier() {
        return ibarrier();
    }

    /** Blocks until every rank has entered the barrier. */
    default void Barrier() {
        ibarrier().waitFor();
    }

    /** Starts a broadcast of root's buffer into every rank's buffer. */
    Request<Void> Ibcast(Object buf, int root);

    /** Broadcasts root's buffer into every rank's buffer. */
    default void Bcast(Object buf, int root) {
        Ibcast(buf, root).waitFor();
    }

    default void Bcast(Object buf) {
        Bcast(buf, 0);
    }

    /** Starts a gather of every rank's buffer into root's receive buffer, in rank order. */
    Request<Void> Igather(Object sendbuf, Object recvbuf, int root);

    /** Gathers every rank's buffer into root's receive buffer (size × count elements), in rank order. */
    default void Gather(Object sendbuf, Object recvbuf, int root) {
        Igather(sendbuf, recvbuf, root).waitFor();
    }

    default void Gather(Object sendbuf, Object recvbuf) {
        Gather(sendbuf, recvbuf, 0);
    }

    /** Starts a gather with per-rank counts and displacements at the root. */
    Request<Void> Igatherv(Object sendbuf, Object recvbuf, int[] counts, int[] displs, int root);

    /** Gathers rank i's buffer into root's receive buffer at displs[i], counts[i] elements. */
    default void Gatherv(Object sendbuf, Object recvbuf, int[] counts, int[] displs, int root) {
        Igatherv(sendbuf, recvbuf, counts, displs, root).waitFor();
    }

    /** Starts a scatter of root's send buffer in equal chunks. */
    Request<Void> Iscatter(Object sendbuf, Object recvbuf, int root);

    /** Sends chunk i of root's send buffer (its length / size elements) to rank i. */
    default void Scatter(Object sendbuf, Object recvbuf, int root) {
        Iscatter(sendbuf, recvbuf, root).waitFor();
    }

    default void Scatter(Object sendbuf, Object recvbuf) {
        Scatter(sendbuf, recvbuf, 0);
    }

    /** Starts a scatter with per-rank counts and displacements at the root. */
    Request<Void> Iscatterv(Object sendbuf, int[] counts, int[] displs, Object recvbuf, int root);

    /** Sends counts[i] elements from displs[i] of root's send buffer to rank i. */
    default void Scatterv(Object sendbuf, int[] counts, int[] displs, Object recvbuf, int root) {
        Iscatterv(sendbuf, counts, displs, recvbuf, root).waitFor();
    }

    /** Starts an allgather. */
    Request<Void> Iallgather(Object sendbuf, Object recvbuf);

    /** Gathers every rank's buffer into every rank's receive buffer, in rank order. */
    default void Allgather(Object sendbuf, Object recvbuf) {
        Iallgather(sendbuf, recvbuf).waitFor();
    }

    /** Starts an allgather with per-rank counts and displacements. */
    Request<Void> Iallgatherv(Object sendbuf, Object recvbuf, int[] counts, int[] displs);

    /** Gathers rank i's buffer into every receive buffer at displs[i], counts[i] elements. */
    default void Allgatherv(Object sendbuf, Object recvbuf, int[] counts, int[] displs) {
        Iallgatherv(sendbuf, recvbuf, counts, displs).waitFor();
    }

    /** Starts an all-to-all exchange of equal chunks. */
    Request<Void> Ialltoall(Object sendbuf, Object recvbuf);

    /** Sends chunk j of the send buffer to rank j; chunk i of the receive buffer comes from rank i. */
    default void Alltoall(Object sendbuf, Object recvbuf) {
        Ialltoall(sendbuf, recvbuf).waitFor();
    }

    /** Starts an all-to-all exchange with per-rank counts and displacements. */
    Request<Void> Ialltoallv(Object sendbuf, int[] sendcounts, int[] sdispls, Object recvbuf, int[] recvcounts,
                             int[] rdispls);

    /** Sends sendcounts[j] elements from sdispls[j] to rank j; receives recvcounts[i] at rdispls[i] from rank i. */
    default void Alltoallv(Object sendbuf, int[] sendcounts, int[] sdispls, Object recvbuf, int[] recvcounts,
                           int[] rdispls) {
        Ialltoallv(sendbuf, sendcounts, sdispls, recvbuf, recvcounts, rdispls).waitFor();
    }

    /** Starts an element-wise reduction into root's receive buffer. */
    Request<Void> Ireduce(Object sendbuf, Object recvbuf, Op op, int root);

    /** Reduces every rank's buffer element-wise with op into root's receive buffer. */
    default void Reduce(Object sendbuf, Object recvbuf, Op op, int root) {
        Ireduce(sendbuf, recvbuf, op, root).waitFor();
    }

    default void Reduce(Object sendbuf, Object recvbuf, Op op) {
        Reduce(sendbuf, recvbuf, op, 0);
    }

    default void Reduce(Object sendbuf, Object recvbuf) {
        Reduce(sendbuf, recvbuf, Op.SUM, 0);
    }

    /** Starts an element-wise reduction whose result reaches every rank. */
    Request<Void> Iallreduce(Object sendbuf, Object recvbuf, Op op);

    /** Reduces every rank's buffer element-wise with op into every rank's receive buffer. */
    default void Allreduce(Object sendbuf, Object recvbuf, Op op) {
        Iallreduce(sendbuf, recvbuf, op).waitFor();
    }

    default void Allreduce(Object sendbuf, Object recvbuf) {
        Allreduce(sendbuf, recvbuf, Op.SUM);
    }

    /** Starts an inclusive element-wise prefix reduction. */
    Request<Void> Iscan(Object sendbuf, Object recvbuf, Op op);

    /**
     * Reduces element-wise, in rank order, the buffers of ranks 0 to this one into this rank's receive
     * buffer; {@link MPI#IN_PLACE} as send buffer takes the receive buffer's contents.
     */
    default void Scan(Object sendbuf, Object recvbuf, Op op) {
        Iscan(sendbuf, recvbuf, op).waitFor();
    }

    default void Scan(Object sendbuf, Object recvbuf) {
        Scan(sendbuf, recvbuf, Op.SUM);
    }

    /** Starts an exclusive element-wise prefix reduction. */
    Request<Void> Iexscan(Object sendbuf, Object recvbuf, Op op);

    /**
     * Reduces element-wise, in rank order, the buffers of the ranks before this one into this rank's
     * receive buffer; rank 0's receive buffer is left as it is. {@link MPI#IN_PLACE} as send buffer
     * takes the receive buffer's contents.
     */
    default void Exscan(Object sendbuf, Object recvbuf, Op op) {
        Iexscan(sendbuf, recvbuf, op).waitFor();
    }

    default void Exscan(Object sendbuf, Object recvbuf) {
        Exscan(sendbuf, recvbuf, Op.SUM);
    }

    /** Starts a reduction whose result is scattered in equal blocks. */
    Request<Void> Ireduce_scatter_block(Object sendbuf, Object recvbuf, Op op);

    /**
     * Reduces every rank's send buffer (size × count elements) element-wise with op, and gives rank i
     * block i of the result, count elements, where count is the receive buffer's length.
     * {@link MPI#IN_PLACE} as send buffer takes the receive buffer (then size × count elements) as the
     * input; the block lands at its start.
     */
    default void Reduce_scatter_block(Object sendbuf, Object recvbuf, Op op) {
        Ireduce_scatter_block(sendbuf, recvbuf, op).waitFor();
    }

    default void Reduce_scatter_block(Object sendbuf, Object recvbuf) {
        Reduce_scatter_block(sendbuf, recvbuf, Op.SUM);
    }

    /** Starts a reduction whose result is scattered in blocks of recvcounts[i] elements. */
    Request<Void> Ireduce_scatter(Object sendbuf, Object recvbuf, int[] recvcounts, Op op);

    /**
     * Reduces every rank's send buffer (the sum of recvcounts elements) element-wise with op, and gives
     * rank i the recvcounts[i] elements of the result that follow those of the ranks before it, at the
     * start of its receive buffer. Every rank passes the same counts. {@link MPI#IN_PLACE} as send
     * buffer takes the receive buffer as the input.
     */
    default void Reduce_scatter(Object sendbuf, Object recvbuf, int[] recvcounts, Op op) {
        Ireduce_scatter(sendbuf, recvbuf, recvcounts, op).waitFor();
    }

    default void Reduce_scatter(Object sendbuf, Object recvbuf, int[] recvcounts) {
        Reduce_scatter(sendbuf, recvbuf, recvcounts, Op.SUM);
    }

    /** Starts an all-to-all exchange of one buffer per peer. */
    Request<Void> Ialltoallw(Object[] sendbufs, Object[] recvbufs);

    /**
     * Sends sendbufs[j] whole to rank j and receives into recvbufs[i] what rank i sent to this rank;
     * each buffer has its own element type and length (MPI's per-peer datatypes). A receive buffer of
     * another element type than its sender's fails with ERR_TYPE, one too short with ERR_TRUNCATE.
     */
    default void Alltoallw(Object[] sendbufs, Object[] recvbufs) {
        Ialltoallw(sendbufs, recvbufs).waitFor();
    }

    // ---- Custom operations ---------------------------------------------------------------------

    /**
     * Submits a custom operation. The coordinator calls the context's {@code apply} once every source
     * rank's data has arrived; each destination gets its entry of the result ({@code null} if none),
     * other members get {@code null}. A rank outside the group gets {@code null} at once.
     */
    default <T, R> Request<R> submit(OperationRequest<T, R> op) {
        return submit(op, Function.identity());
    }

    /** Like {@link #submit(OperationRequest)}; callback runs on the result before the request completes. */
    <T, R, U> Request<U> submit(OperationRequest<T, R> op, Function<? super R, ? extends U> callback);
}
