package jmpi;

import java.util.List;

/**
 * A communicator with a topology ({@link Cartcomm}, {@link Distgraphcomm}): each rank has in-neighbours,
 * the ranks it receives from, and out-neighbours, the ranks it sends to, in a fixed order. The
 * neighbour collectives move data only along those edges, rank to rank. Every {@link Comm} operation
 * works on it as on any communicator.
 *
 * <p>Receive blocks follow {@link #inedges()}, send blocks {@link #outedges()}; a neighbour that is
 * {@link MPI#PROC_NULL} (an open edge of a Cartesian grid) sends and receives nothing: its object is
 * {@code null} and its receive block is left as it was. Like every collective, the neighbour
 * collectives must be called by all ranks of the communicator in the same order.
 */
public interface Topocomm extends Comm {

    /**
     * How many in-neighbours this rank has, {@link MPI#PROC_NULL} ones included.
     *
     * @return the length of {@link #inedges()}
     */
    int indegree();

    /**
     * How many out-neighbours this rank has, {@link MPI#PROC_NULL} ones included.
     *
     * @return the length of {@link #outedges()}
     */
    int outdegree();

    /**
     * The ranks this rank receives from in a neighbour collective, in the order of the receive blocks.
     *
     * @return a new array of ranks, {@link MPI#PROC_NULL} for an open edge
     */
    int[] inedges();

    /**
     * The ranks this rank sends to in a neighbour collective, in the order of the send blocks.
     *
     * @return a new array of ranks, {@link MPI#PROC_NULL} for an open edge
     */
    int[] outedges();

    /**
     * How many in- and out-neighbours this rank has (mpi4py's {@code degrees}).
     *
     * @return {@code {indegree, outdegree}}
     */
    default int[] degrees() {
        return new int[] {indegree(), outdegree()};
    }

    /**
     * The in- and out-neighbours together (mpi4py's {@code inoutedges}).
     *
     * @return {@code {inedges(), outedges()}}
     */
    default int[][] inoutedges() {
        return new int[][] {inedges(), outedges()};
    }

    // ---- Neighbour collectives on objects -----------------------------------------------------

    /**
     * Starts gathering one object from each in-neighbour (see {@link #neighbor_allgather}).
     *
     * @param obj this rank's object, sent to every out-neighbour
     * @param <T> the type of the objects
     * @return a request for the objects, one per in-neighbour
     */
    <T> Request<List<T>> ineighbor_allgather(T obj);

    /**
     * Sends obj to every out-neighbour and returns what each in-neighbour sent, in the order of
     * {@link #inedges()} ({@code null} for a {@link MPI#PROC_NULL} neighbour).
     *
     * @param obj this rank's object, sent to every out-neighbour
     * @param <T> the type of the objects
     * @return the objects, one per in-neighbour
     */
    default <T> List<T> neighbor_allgather(T obj) {
        return this.<T>ineighbor_allgather(obj).waitFor();
    }

    /**
     * Starts an exchange of one object per neighbour (see {@link #neighbor_alltoall}).
     *
     * @param objs one object per out-neighbour
     * @param <T>  the type of the objects
     * @return a request for the objects, one per in-neighbour
     */
    <T> Request<List<T>> ineighbor_alltoall(List<? extends T> objs);

    /**
     * Sends objs[j] to out-neighbour j and returns what each in-neighbour sent to this rank, in the
     * order of {@link #inedges()} ({@code null} for a {@link MPI#PROC_NULL} neighbour).
     *
     * @param objs one object per out-neighbour
     * @param <T>  the type of the objects
     * @return the objects, one per in-neighbour
     */
    default <T> List<T> neighbor_alltoall(List<? extends T> objs) {
        return this.<T>ineighbor_alltoall(objs).waitFor();
    }

    // ---- Neighbour collectives on buffers -----------------------------------------------------

    /**
     * Starts a buffer neighbour allgather (see {@link #Neighbor_allgather}).
     *
     * @param sendbuf this rank's elements
     * @param recvbuf one block per in-neighbour, each as long as sendbuf
     * @return a request that completes once every block has arrived and the send buffer may be reused
     */
    Request<Void> Ineighbor_allgather(Object sendbuf, Object recvbuf);

    /**
     * Sends sendbuf to every out-neighbour; block i of recvbuf (each of sendbuf's length) receives
     * in-neighbour i's. A block of a {@link MPI#PROC_NULL} neighbour is left as it was.
     *
     * @param sendbuf this rank's elements
     * @param recvbuf one block per in-neighbour, each as long as sendbuf, of the same element type
     */
    default void Neighbor_allgather(Object sendbuf, Object recvbuf) {
        Ineighbor_allgather(sendbuf, recvbuf).waitFor();
    }

    /**
     * Starts a buffer neighbour allgather with a count per in-neighbour (see {@link #Neighbor_allgatherv}).
     *
     * @param sendbuf this rank's elements
     * @param recvbuf where the blocks land
     * @param counts  the elements that in-neighbour i sends
     * @param displs  where, in elements of recvbuf, in-neighbour i's block starts
     * @return a request that completes once every block has arrived and the send buffer may be reused
     */
    Request<Void> Ineighbor_allgatherv(Object sendbuf, Object recvbuf, int[] counts, int[] displs);

    /**
     * Sends sendbuf to every out-neighbour; counts[i] elements of in-neighbour i land at displs[i] of
     * recvbuf. More elements than counts[i] fail with ERR_TRUNCATE.
     *
     * @param sendbuf this rank's elements
     * @param recvbuf where the blocks land
     * @param counts  the elements that in-neighbour i sends
     * @param displs  where, in elements of recvbuf, in-neighbour i's block starts
     */
    default void Neighbor_allgatherv(Object sendbuf, Object recvbuf, int[] counts, int[] displs) {
        Ineighbor_allgatherv(sendbuf, recvbuf, counts, displs).waitFor();
    }

    /**
     * Starts a buffer neighbour all-to-all (see {@link #Neighbor_alltoall}).
     *
     * @param sendbuf one equal block per out-neighbour
     * @param recvbuf one equal block per in-neighbour
     * @return a request that completes once every block has arrived and the send buffer may be reused
     */
    Request<Void> Ineighbor_alltoall(Object sendbuf, Object recvbuf);

    /**
     * Sends block j of sendbuf to out-neighbour j; block i of recvbuf receives in-neighbour i's. The
     * blocks are equal: sendbuf's length divided by {@link #outdegree()}, recvbuf's by {@link #indegree()}.
     *
     * @param sendbuf one equal block per out-neighbour
     * @param recvbuf one equal block per in-neighbour, of the same element type
     */
    default void Neighbor_alltoall(Object sendbuf, Object recvbuf) {
        Ineighbor_alltoall(sendbuf, recvbuf).waitFor();
    }

    /**
     * Starts a buffer neighbour all-to-all with counts per neighbour (see {@link #Neighbor_alltoallv}).
     *
     * @param sendbuf    the elements to send
     * @param sendcounts the elements for out-neighbour j
     * @param sdispls    where out-neighbour j's block starts in sendbuf
     * @param recvbuf    where the blocks land
     * @param recvcounts the elements in-neighbour i sends
     * @param rdispls    where in-neighbour i's block starts in recvbuf
     * @return a request that completes once every block has arrived and the send buffer may be reused
     */
    Request<Void> Ineighbor_alltoallv(Object sendbuf, int[] sendcounts, int[] sdispls, Object recvbuf,
            int[] recvcounts, int[] rdispls);

    /**
     * Sends sendcounts[j] elements from sdispls[j] of sendbuf to out-neighbour j; recvcounts[i] elements
     * of in-neighbour i land at rdispls[i] of recvbuf.
     *
     * @param sendbuf    the elements to send
     * @param sendcounts the elements for out-neighbour j
     * @param sdispls    where out-neighbour j's block starts in sendbuf
     * @param recvbuf    where the blocks land
     * @param recvcounts the elements in-neighbour i sends
     * @param rdispls    where in-neighbour i's block starts in recvbuf
     */
    default void Neighbor_alltoallv(Object sendbuf, int[] sendcounts, int[] sdispls, Object recvbuf,
            int[] recvcounts, int[] rdispls) {
        Ineighbor_alltoallv(sendbuf, sendcounts, sdispls, recvbuf, recvcounts, rdispls).waitFor();
    }

    /**
     * Starts a neighbour all-to-all of one whole buffer per neighbour (see {@link #Neighbor_alltoallw}).
     *
     * @param sendbufs one buffer per out-neighbour
     * @param recvbufs one buffer per in-neighbour
     * @return a request that completes once every receive buffer is filled and the send buffers may be reused
     */
    Request<Void> Ineighbor_alltoallw(Object[] sendbufs, Object[] recvbufs);

    /**
     * Sends sendbufs[j] whole to out-neighbour j; recvbufs[i] receives what in-neighbour i sent. Each
     * buffer has its own element type and length (MPI's per-neighbour datatypes): a receive buffer of
     * another element type than its sender's fails with ERR_TYPE, one too short with ERR_TRUNCATE.
     *
     * @param sendbufs one buffer per out-neighbour
     * @param recvbufs one buffer per in-neighbour
     */
    default void Neighbor_alltoallw(Object[] sendbufs, Object[] recvbufs) {
        Ineighbor_alltoallw(sendbufs, recvbufs).waitFor();
    }

    // ---- Persistent neighbour collectives -----------------------------------------------------

    /**
     * A persistent {@link #Neighbor_allgather}: its arguments are checked now, and each
     * {@link Prequest#start()} sends the send buffer as it is then.
     *
     * @param sendbuf this rank's elements
     * @param recvbuf one block per in-neighbour, each as long as sendbuf
     * @return the inactive request
     */
    Prequest<Void> Neighbor_allgather_init(Object sendbuf, Object recvbuf);

    /**
     * A persistent {@link #Neighbor_allgatherv}.
     *
     * @param sendbuf this rank's elements
     * @param recvbuf where the blocks land
     * @param counts  the elements that in-neighbour i sends
     * @param displs  where, in elements of recvbuf, in-neighbour i's block starts
     * @return the inactive request
     */
    Prequest<Void> Neighbor_allgatherv_init(Object sendbuf, Object recvbuf, int[] counts, int[] displs);

    /**
     * A persistent {@link #Neighbor_alltoall}.
     *
     * @param sendbuf one equal block per out-neighbour
     * @param recvbuf one equal block per in-neighbour
     * @return the inactive request
     */
    Prequest<Void> Neighbor_alltoall_init(Object sendbuf, Object recvbuf);

    /**
     * A persistent {@link #Neighbor_alltoallv}.
     *
     * @param sendbuf    the elements to send
     * @param sendcounts the elements for out-neighbour j
     * @param sdispls    where out-neighbour j's block starts in sendbuf
     * @param recvbuf    where the blocks land
     * @param recvcounts the elements in-neighbour i sends
     * @param rdispls    where in-neighbour i's block starts in recvbuf
     * @return the inactive request
     */
    Prequest<Void> Neighbor_alltoallv_init(Object sendbuf, int[] sendcounts, int[] sdispls, Object recvbuf,
            int[] recvcounts, int[] rdispls);

    /**
     * A persistent {@link #Neighbor_alltoallw}.
     *
     * @param sendbufs one buffer per out-neighbour
     * @param recvbufs one buffer per in-neighbour
     * @return the inactive request
     */
    Prequest<Void> Neighbor_alltoallw_init(Object[] sendbufs, Object[] recvbufs);
}
