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
 *
 * {@snippet class=jmpi.CollectiveSnippets region=allreduce}
 */
public interface Comm extends PointToPoint, Persistent {

    // ---- Communicator -------------------------------------------------------------------------

    /**
     * This process's rank in the communicator.
     *
     * @return the rank, from 0 to {@link #size()} - 1
     */
    int rank();

    /**
     * The number of ranks in the communicator.
     *
     * @return the number of ranks
     */
    int size();

    /**
     * mpi4py's spelling of {@link #rank()}.
     *
     * @return this process's rank
     */
    default int Get_rank() {
        return rank();
    }

    /**
     * mpi4py's spelling of {@link #size()}.
     *
     * @return the number of ranks
     */
    default int Get_size() {
        return size();
    }

    /**
     * Duplicates the communicator (collective): same ranks, separate traffic.
     *
     * @return the new communicator
     */
    Comm Dup();

    /**
     * Splits the communicator by colour (collective); ranks are ordered by key, then old rank.
     * {@link MPI#UNDEFINED} as colour gives {@link MPI#COMM_NULL}.
     *
     * @param color the ranks that pass the same colour share a new communicator; ERR_ARG when negative
     *              and not {@link MPI#UNDEFINED}
     * @param key   orders the ranks within the new communicator
     * @return this rank's new communicator, or {@link MPI#COMM_NULL}
     */
    Comm Split(int color, int key);

    /**
     * Splits with the old rank as key.
     *
     * @param color the ranks that pass the same colour share a new communicator; ERR_ARG when negative
     *              and not {@link MPI#UNDEFINED}
     * @return this rank's new communicator, or {@link MPI#COMM_NULL}
     */
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
     *
     * @param errorcode the exit status, not negative
     */
    void Abort(int errorcode);

    // ---- Fault tolerance -----------------------------------------------------------------------

    /**
     * Revokes the communicator, for every member: each pending operation on it fails with
     * {@link MPI#ERR_REVOKED}, on every member, and so does each later one but {@link #Agree},
     * {@link #Shrink}, {@link #Get_failed}, {@link #Ack_failed()} and {@link #Free}. Not collective:
     * the rank that finds a failure revokes, and the others learn of it wherever they wait.
     */
    void Revoke();

    /**
     * Whether the communicator has been revoked, by this rank or another one.
     *
     * @return true once this rank knows of the revocation
     */
    boolean Is_revoked();

    /**
     * Agrees on a flag among the members still alive (collective over them): the bitwise AND of their
     * flags, the same on every survivor even when another member fails during it. Works on a revoked
     * communicator. Every member it finds failed counts as known here ({@link #Get_failed}).
     *
     * @param flag this rank's flag
     * @return the AND of the flags of the members that were alive when it completed
     */
    int Agree(int flag);

    /**
     * Creates a communicator of the members still alive (collective over them), in their order here;
     * every survivor gets the same one even when another member fails during it. Works on a revoked
     * communicator.
     *
     * @return the new communicator
     */
    Comm Shrink();

    /**
     * Acknowledges every failure of a member this rank knows of: a receive from {@link MPI#ANY_SOURCE}
     * fails while a member has failed unacknowledged, and works again once all are acknowledged.
     *
     * @return how many failures are acknowledged now
     */
    default int Ack_failed() {
        return Ack_failed(Integer.MAX_VALUE);
    }

    /**
     * Acknowledges the first {@code numToAck} failures of members this rank knows of, in the order it
     * learned of them.
     *
     * @param numToAck how many to acknowledge at most; ERR_ARG when negative
     * @return how many failures are acknowledged now
     */
    int Ack_failed(int numToAck);

    /**
     * The ranks of this communicator that this rank knows have failed, in the order it learned of
     * them.
     *
     * @return the failed ranks, as ranks of this communicator
     */
    int[] Get_failed_ranks();

    /**
     * The group of this communicator's processes that this rank knows have failed, in the order it
     * learned of them (ULFM's {@code MPI_Comm_get_failed}).
     *
     * @return the failed processes, as a group of this communicator's
     */
    default Group Get_failed() {
        return group().Incl(Get_failed_ranks());
    }
    // ---- Groups and communicators --------------------------------------------------------------

    /**
     * The group of this communicator's processes, in rank order (local).
     *
     * @return the group; this rank's {@link Group#rank()} is its rank here
     */
    Group group();

    /**
     * mpi4py's spelling of {@link #group()}.
     *
     * @return the group of this communicator
     */
    default Group Get_group() {
        return group();
    }

    /**
     * Makes a communicator of a group of this communicator's processes (collective over the whole
     * communicator, every rank passing the same group): ranks are the group's ranks.
     *
     * @param group a group of processes of this communicator; ERR_GROUP when it has others
     * @return the new communicator on its members, {@link MPI#COMM_NULL} on the others
     */
    Comm Create(Group group);

    /**
     * Makes a communicator of a group of this communicator's processes, collective over the
     * group's members only: only they call it, with the same group and tag; calls with other tags
     * make other communicators, so that groups may create theirs at the same time.
     *
     * @param group a group of processes of this communicator that holds the caller; ERR_GROUP when
     *              it has others, ERR_RANK when the caller is not one of them
     * @param tag   tells apart concurrent creations over the same group; not negative (ERR_TAG)
     * @return the new communicator, ranked as the group
     */
    Comm Create_group(Group group, int tag);

    /**
     * {@link #Create_group(Group, int)} with tag 0.
     *
     * @param group a group of processes of this communicator that holds the caller
     * @return the new communicator, ranked as the group
     */
    default Comm Create_group(Group group) {
        return Create_group(group, 0);
    }

    /**
     * Splits the communicator by a kind of locality (collective): with {@link MPI#COMM_TYPE_SHARED}
     * the ranks on one host share a new communicator, ordered by key, then by old rank.
     *
     * @param splitType {@link MPI#COMM_TYPE_SHARED}, or {@link MPI#UNDEFINED} for no communicator;
     *                  ERR_ARG otherwise
     * @param key       orders the ranks within the new communicator
     * @return this rank's new communicator, or {@link MPI#COMM_NULL}
     */
    Comm Split_type(int splitType, int key);

    /**
     * {@link #Split_type(int, int)} with the old rank as key.
     *
     * @param splitType {@link MPI#COMM_TYPE_SHARED}, or {@link MPI#UNDEFINED}
     * @return this rank's new communicator, or {@link MPI#COMM_NULL}
     */
    default Comm Split_type(int splitType) {
        return Split_type(splitType, rank());
    }

    /**
     * Starts duplicating the communicator (collective), as {@link #Dup()} without waiting.
     *
     * @return the request, whose result is the new communicator
     */
    Request<Comm> Idup();

    /**
     * Compares two communicators (local). Two intercommunicators compare by their local and remote
     * groups alike; an intercommunicator and an intracommunicator are {@link MPI#UNEQUAL}.
     *
     * @param a a communicator
     * @param b another communicator
     * @return {@link MPI#IDENT} for the same communicator, {@link MPI#CONGRUENT} for the same
     *         processes in the same order with separate traffic, {@link MPI#SIMILAR} for the same
     *         processes in another order, else {@link MPI#UNEQUAL}
     */
    static int Compare(Comm a, Comm b) {
        Comm x = MPI.target(a);
        Comm y = MPI.target(b);
        if (x == y) {
            return MPI.IDENT;
        }
        if (x.Is_inter() != y.Is_inter()) {
            return MPI.UNEQUAL;
        }
        int groups = Group.Compare(x.group(), y.group());
        if (x instanceof Intercomm xi && y instanceof Intercomm yi) {
            int remote = Group.Compare(xi.remoteGroup(), yi.remoteGroup());
            groups = Math.max(groups, remote);
        }
        return groups == MPI.IDENT ? MPI.CONGRUENT : groups;
    }

    /**
     * Whether this is an intercommunicator ({@link Intercomm}): two groups, messages going from one to
     * the other.
     *
     * @return true for an intercommunicator
     */
    default boolean Is_inter() {
        return false;
    }

    /**
     * Whether this is an intracommunicator: one group, whose ranks talk to each other.
     *
     * @return true unless this is an intercommunicator
     */
    default boolean Is_intra() {
        return !Is_inter();
    }

    /**
     * Makes an intercommunicator between this communicator's group and another, disjoint group
     * (collective over this communicator; the other group makes its side at the same time). The two
     * leaders exchange their groups over peerComm with tag; the other ranks of each group then learn
     * the remote group from their leader.
     *
     * @param localLeader  this communicator's rank that talks to the other group; the same on every
     *                     rank, ERR_RANK when out of range
     * @param peerComm     a communicator that holds both leaders; read at the local leader only
     * @param remoteLeader the other group's leader, as a rank of peerComm; read at the local leader only
     * @param tag          the tag of the leaders' messages on peerComm, not negative (ERR_TAG); a tag the
     *                     other leader does not use never matches (JMPI_OP_TIMEOUT ends that wait)
     * @return the intercommunicator; ERR_GROUP when the two groups share a process
     */
    Intercomm Create_intercomm(int localLeader, Comm peerComm, int remoteLeader, int tag);

    /**
     * {@link #Create_intercomm(int, Comm, int, int)} with tag 0.
     *
     * @param localLeader  this communicator's rank that talks to the other group
     * @param peerComm     a communicator that holds both leaders
     * @param remoteLeader the other group's leader, as a rank of peerComm
     * @return the intercommunicator
     */
    default Intercomm Create_intercomm(int localLeader, Comm peerComm, int remoteLeader) {
        return Create_intercomm(localLeader, peerComm, remoteLeader, 0);
    }

    /**
     * Names the communicator, for this rank (local); the coordinator's status page shows the name.
     *
     * @param name the name, not null
     */
    void Set_name(String name);

    /**
     * The communicator's name: the last one {@link #Set_name(String)} gave, else
     * {@code "MPI_COMM_WORLD"} and {@code "MPI_COMM_SELF"} for those, else the empty string.
     *
     * @return the name
     */
    String Get_name();

    // ---- Collectives on objects ---------------------------------------------------------------

    /**
     * Starts a barrier.
     *
     * @return a request that completes once every rank has entered the barrier
     */
    Request<Void> ibarrier();

    /** Blocks until every rank has entered the barrier. */
    default void barrier() {
        ibarrier().waitFor();
    }

    /**
     * Starts a broadcast of obj from root (see {@link #bcast(Object, int)}).
     *
     * @param obj  the object to send; read on root only
     * @param root the rank that sends; ERR_ROOT when out of range
     * @param <T>  the object's type
     * @return a request for root's object
     */
    <T> Request<T> ibcast(T obj, int root);

    /**
     * Starts a broadcast of obj from rank 0.
     *
     * @param obj the object to send; read on rank 0 only
     * @param <T> the object's type
     * @return a request for rank 0's object
     */
    default <T> Request<T> ibcast(T obj) {
        return ibcast(obj, 0);
    }

    /**
     * Broadcasts obj from root to every rank; returns root's object.
     *
     * @param obj  the object to send; read on root only
     * @param root the rank that sends; ERR_ROOT when out of range
     * @param <T>  the object's type
     * @return root's object, on every rank
     */
    default <T> T bcast(T obj, int root) {
        return ibcast(obj, root).waitFor();
    }

    /**
     * Broadcasts obj from rank 0 to every rank.
     *
     * @param obj the object to send; read on rank 0 only
     * @param <T> the object's type
     * @return rank 0's object, on every rank
     */
    default <T> T bcast(T obj) {
        return bcast(obj, 0);
    }

    /**
     * Starts a gather to root (see {@link #gather(Object, int)}).
     *
     * @param obj  this rank's object
     * @param root the rank that receives; ERR_ROOT when out of range
     * @param <T>  the objects' type
     * @return a request for the objects in rank order on root, for {@code null} on other ranks
     */
    <T> Request<List<T>> igather(T obj, int root);

    /**
     * Starts a gather to rank 0.
     *
     * @param obj this rank's object
     * @param <T> the objects' type
     * @return a request for the objects in rank order on rank 0, for {@code null} on other ranks
     */
    default <T> Request<List<T>> igather(T obj) {
        return igather(obj, 0);
    }

    /**
     * Gathers every rank's object to root, in rank order; {@code null} on other ranks.
     *
     * @param obj  this rank's object
     * @param root the rank that receives; ERR_ROOT when out of range
     * @param <T>  the objects' type
     * @return the objects in rank order on root, {@code null} on other ranks
     */
    default <T> List<T> gather(T obj, int root) {
        return igather(obj, root).waitFor();
    }

    /**
     * Gathers every rank's object to rank 0.
     *
     * @param obj this rank's object
     * @param <T> the objects' type
     * @return the objects in rank order on rank 0, {@code null} on other ranks
     */
    default <T> List<T> gather(T obj) {
        return gather(obj, 0);
    }

    /**
     * Starts a scatter from root (see {@link #scatter(List, int)}).
     *
     * @param objs one object per rank on root; ignored (may be null) on other ranks
     * @param root the rank that sends; ERR_ROOT when out of range
     * @param <T>  the objects' type
     * @return a request for this rank's element
     */
    <T> Request<T> iscatter(List<? extends T> objs, int root);

    /**
     * Starts a scatter from rank 0.
     *
     * @param objs one object per rank on rank 0; ignored (may be null) on other ranks
     * @param <T>  the objects' type
     * @return a request for this rank's element
     */
    default <T> Request<T> iscatter(List<? extends T> objs) {
        return iscatter(objs, 0);
    }

    /**
     * Sends element i of root's list to rank i; the list is ignored (may be null) on other ranks.
     * A list whose length is not the communicator's size fails with ERR_COUNT.
     *
     * @param objs one object per rank on root
     * @param root the rank that sends; ERR_ROOT when out of range
     * @param <T>  the objects' type
     * @return this rank's element of root's list
     */
    default <T> T scatter(List<? extends T> objs, int root) {
        return this.<T>iscatter(objs, root).waitFor();
    }

    /**
     * Scatters rank 0's list.
     *
     * @param objs one object per rank on rank 0; ignored (may be null) on other ranks
     * @param <T>  the objects' type
     * @return this rank's element of rank 0's list
     */
    default <T> T scatter(List<? extends T> objs) {
        return scatter(objs, 0);
    }

    /**
     * Starts an allgather.
     *
     * @param obj this rank's object
     * @param <T> the objects' type
     * @return a request for every rank's object, in rank order
     */
    <T> Request<List<T>> iallgather(T obj);

    /**
     * Gathers every rank's object to every rank, in rank order.
     *
     * @param obj this rank's object
     * @param <T> the objects' type
     * @return every rank's object, in rank order
     */
    default <T> List<T> allgather(T obj) {
        return iallgather(obj).waitFor();
    }

    /**
     * Starts an all-to-all exchange.
     *
     * @param objs one object per rank: element j goes to rank j
     * @param <T>  the objects' type
     * @return a request for what every rank sent to this one, in rank order
     */
    <T> Request<List<T>> ialltoall(List<? extends T> objs);

    /**
     * Sends element j of this rank's list to rank j; returns what every rank sent to this one.
     * A list whose length is not the communicator's size fails with ERR_COUNT.
     *
     * @param objs one object per rank
     * @param <T>  the objects' type
     * @return element i is what rank i sent to this rank
     */
    default <T> List<T> alltoall(List<? extends T> objs) {
        return this.<T>ialltoall(objs).waitFor();
    }

    /**
     * Starts a reduction to root (see {@link #reduce(Object, Op, int)}).
     *
     * @param obj  this rank's operand
     * @param op   the reduce operation; ERR_OP when null or not applicable to obj
     * @param root the rank that gets the result; ERR_ROOT when out of range
     * @param <R>  the result's type
     * @return a request for the result on root, for {@code null} on other ranks
     */
    <R> Request<R> ireduce(Object obj, Op op, int root);

    /**
     * Starts a reduction with op to rank 0.
     *
     * @param obj this rank's operand
     * @param op  the reduce operation
     * @param <R> the result's type
     * @return a request for the result on rank 0, for {@code null} on other ranks
     */
    default <R> Request<R> ireduce(Object obj, Op op) {
        return ireduce(obj, op, 0);
    }

    /**
     * Starts a sum to rank 0.
     *
     * @param obj this rank's operand
     * @param <R> the result's type
     * @return a request for the sum on rank 0, for {@code null} on other ranks
     */
    default <R> Request<R> ireduce(Object obj) {
        return ireduce(obj, Op.SUM, 0);
    }

    /**
     * Reduces every rank's object with op, in rank order, to root; {@code null} on other ranks.
     *
     * @param obj  this rank's operand
     * @param op   the reduce operation; ERR_OP when null or not applicable to obj
     * @param root the rank that gets the result; ERR_ROOT when out of range
     * @param <R>  the result's type
     * @return the result on root, {@code null} on other ranks
     */
    default <R> R reduce(Object obj, Op op, int root) {
        return this.<R>ireduce(obj, op, root).waitFor();
    }

    /**
     * Reduces with op to rank 0.
     *
     * @param obj this rank's operand
     * @param op  the reduce operation
     * @param <R> the result's type
     * @return the result on rank 0, {@code null} on other ranks
     */
    default <R> R reduce(Object obj, Op op) {
        return reduce(obj, op, 0);
    }

    /**
     * Sums to rank 0.
     *
     * @param obj this rank's operand
     * @param <R> the result's type
     * @return the sum on rank 0, {@code null} on other ranks
     */
    default <R> R reduce(Object obj) {
        return reduce(obj, Op.SUM, 0);
    }

    /**
     * Starts a reduction whose result reaches every rank.
     *
     * @param obj this rank's operand
     * @param op  the reduce operation; ERR_OP when null or not applicable to obj
     * @param <R> the result's type
     * @return a request for the result
     */
    <R> Request<R> iallreduce(Object obj, Op op);

    /**
     * Starts a sum whose result reaches every rank.
     *
     * @param obj this rank's operand
     * @param <R> the result's type
     * @return a request for the sum
     */
    default <R> Request<R> iallreduce(Object obj) {
        return iallreduce(obj, Op.SUM);
    }

    /**
     * Reduces every rank's object with op, in rank order; every rank gets the result.
     *
     * @param obj this rank's operand
     * @param op  the reduce operation; ERR_OP when null or not applicable to obj
     * @param <R> the result's type
     * @return the result, the same on every rank
     */
    default <R> R allreduce(Object obj, Op op) {
        return this.<R>iallreduce(obj, op).waitFor();
    }

    /**
     * Sums every rank's object; every rank gets the sum.
     *
     * @param obj this rank's operand
     * @param <R> the result's type
     * @return the sum, the same on every rank
     */
    default <R> R allreduce(Object obj) {
        return allreduce(obj, Op.SUM);
    }

    /**
     * Starts an inclusive prefix reduction (see {@link #scan(Object, Op)}).
     *
     * @param obj this rank's operand
     * @param op  the reduce operation; ERR_OP when null or not applicable to obj
     * @param <R> the result's type
     * @return a request for the fold of ranks 0 to this one
     */
    <R> Request<R> iscan(Object obj, Op op);

    /**
     * Reduces, in rank order, the objects of ranks 0 to this one: rank i gets the fold of ranks 0..i.
     *
     * @param obj this rank's operand
     * @param op  the reduce operation; ERR_OP when null or not applicable to obj
     * @param <R> the result's type
     * @return the fold of ranks 0 to this one
     */
    default <R> R scan(Object obj, Op op) {
        return this.<R>iscan(obj, op).waitFor();
    }

    /**
     * An inclusive prefix sum.
     *
     * @param obj this rank's operand
     * @param <R> the result's type
     * @return the sum of ranks 0 to this one
     */
    default <R> R scan(Object obj) {
        return scan(obj, Op.SUM);
    }

    /**
     * Starts an exclusive prefix reduction (see {@link #exscan(Object, Op)}).
     *
     * @param obj this rank's operand
     * @param op  the reduce operation; ERR_OP when null or not applicable to obj
     * @param <R> the result's type
     * @return a request for the fold of the ranks before this one ({@code null} on rank 0)
     */
    <R> Request<R> iexscan(Object obj, Op op);

    /**
     * Reduces, in rank order, the objects of the ranks before this one; {@code null} on rank 0.
     *
     * @param obj this rank's operand
     * @param op  the reduce operation; ERR_OP when null or not applicable to obj
     * @param <R> the result's type
     * @return the fold of the ranks before this one, {@code null} on rank 0
     */
    default <R> R exscan(Object obj, Op op) {
        return this.<R>iexscan(obj, op).waitFor();
    }

    /**
     * An exclusive prefix sum.
     *
     * @param obj this rank's operand
     * @param <R> the result's type
     * @return the sum of the ranks before this one, {@code null} on rank 0
     */
    default <R> R exscan(Object obj) {
        return exscan(obj, Op.SUM);
    }

    // ---- Collectives on buffers --------------------------------------------------------------
    //
    // A buffer is a primitive array (byte[] short[] char[] int[] long[] float[] double[] boolean[]) or
    // a java.nio buffer (heap or direct; its position and limit are respected and left unchanged).
    // Counts and displacements are in elements. MPI.IN_PLACE may stand for the send buffer where MPI
    // allows it. Anything else fails with ERR_BUFFER before anything is sent.

    /**
     * Starts a barrier.
     *
     * @return a request that completes once every rank has entered the barrier
     */
    default Request<Void> Ibarrier() {
        return ibarrier();
    }

    /** Blocks until every rank has entered the barrier. */
    default void Barrier() {
        ibarrier().waitFor();
    }

    /**
     * Starts a broadcast of root's buffer into every rank's buffer.
     *
     * @param buf  the buffer: read on root, written on the other ranks; ERR_BUFFER when not a buffer
     * @param root the rank that sends; ERR_ROOT when out of range
     * @return a request that completes once this rank's part is done
     */
    Request<Void> Ibcast(Object buf, int root);

    /**
     * Broadcasts root's buffer into every rank's buffer.
     *
     * @param buf  the buffer: read on root, written on the other ranks; ERR_BUFFER when not a buffer
     * @param root the rank that sends; ERR_ROOT when out of range
     */
    default void Bcast(Object buf, int root) {
        Ibcast(buf, root).waitFor();
    }

    /**
     * Broadcasts rank 0's buffer into every rank's buffer.
     *
     * @param buf the buffer: read on rank 0, written on the other ranks
     */
    default void Bcast(Object buf) {
        Bcast(buf, 0);
    }

    /**
     * Starts a gather of every rank's buffer into root's receive buffer, in rank order.
     *
     * @param sendbuf this rank's buffer ({@link MPI#IN_PLACE} on root: its part is in place)
     * @param recvbuf root's receive buffer, size × count elements; ignored on other ranks
     * @param root    the rank that receives; ERR_ROOT when out of range
     * @return a request that completes once this rank's part is done
     */
    Request<Void> Igather(Object sendbuf, Object recvbuf, int root);

    /**
     * Gathers every rank's buffer into root's receive buffer (size × count elements), in rank order.
     *
     * @param sendbuf this rank's buffer ({@link MPI#IN_PLACE} on root: its part is in place)
     * @param recvbuf root's receive buffer; ignored on other ranks
     * @param root    the rank that receives; ERR_ROOT when out of range
     */
    default void Gather(Object sendbuf, Object recvbuf, int root) {
        Igather(sendbuf, recvbuf, root).waitFor();
    }

    /**
     * Gathers every rank's buffer into rank 0's receive buffer.
     *
     * @param sendbuf this rank's buffer
     * @param recvbuf rank 0's receive buffer; ignored on other ranks
     */
    default void Gather(Object sendbuf, Object recvbuf) {
        Gather(sendbuf, recvbuf, 0);
    }

    /**
     * Starts a gather with per-rank counts and displacements at the root (see {@link #Gatherv}).
     *
     * @param sendbuf this rank's buffer
     * @param recvbuf root's receive buffer; ignored on other ranks
     * @param counts  root's count of elements from each rank
     * @param displs  root's offset, in elements, of each rank's part in recvbuf
     * @param root    the rank that receives; ERR_ROOT when out of range
     * @return a request that completes once this rank's part is done
     */
    Request<Void> Igatherv(Object sendbuf, Object recvbuf, int[] counts, int[] displs, int root);

    /**
     * Gathers rank i's buffer into root's receive buffer at displs[i], counts[i] elements.
     *
     * @param sendbuf this rank's buffer
     * @param recvbuf root's receive buffer; ignored on other ranks
     * @param counts  root's count of elements from each rank
     * @param displs  root's offset, in elements, of each rank's part in recvbuf
     * @param root    the rank that receives; ERR_ROOT when out of range
     */
    default void Gatherv(Object sendbuf, Object recvbuf, int[] counts, int[] displs, int root) {
        Igatherv(sendbuf, recvbuf, counts, displs, root).waitFor();
    }

    /**
     * Starts a scatter of root's send buffer in equal chunks (see {@link #Scatter(Object, Object, int)}).
     *
     * @param sendbuf root's buffer, size chunks; ignored on other ranks
     * @param recvbuf this rank's receive buffer
     * @param root    the rank that sends; ERR_ROOT when out of range
     * @return a request that completes once this rank's part is done
     */
    Request<Void> Iscatter(Object sendbuf, Object recvbuf, int root);

    /**
     * Sends chunk i of root's send buffer (its length / size elements) to rank i.
     *
     * @param sendbuf root's buffer, size chunks (ERR_COUNT when its length is not a multiple of size);
     *                ignored on other ranks
     * @param recvbuf this rank's receive buffer ({@link MPI#IN_PLACE} on root: its chunk stays in place)
     * @param root    the rank that sends; ERR_ROOT when out of range
     */
    default void Scatter(Object sendbuf, Object recvbuf, int root) {
        Iscatter(sendbuf, recvbuf, root).waitFor();
    }

    /**
     * Scatters rank 0's send buffer in equal chunks.
     *
     * @param sendbuf rank 0's buffer; ignored on other ranks
     * @param recvbuf this rank's receive buffer
     */
    default void Scatter(Object sendbuf, Object recvbuf) {
        Scatter(sendbuf, recvbuf, 0);
    }

    /**
     * Starts a scatter with per-rank counts and displacements at the root (see {@link #Scatterv}).
     *
     * @param sendbuf root's buffer; ignored on other ranks
     * @param counts  root's count of elements for each rank
     * @param displs  root's offset, in elements, of each rank's part in sendbuf
     * @param recvbuf this rank's receive buffer
     * @param root    the rank that sends; ERR_ROOT when out of range
     * @return a request that completes once this rank's part is done
     */
    Request<Void> Iscatterv(Object sendbuf, int[] counts, int[] displs, Object recvbuf, int root);

    /**
     * Sends counts[i] elements from displs[i] of root's send buffer to rank i.
     *
     * @param sendbuf root's buffer; ignored on other ranks
     * @param counts  root's count of elements for each rank
     * @param displs  root's offset, in elements, of each rank's part in sendbuf
     * @param recvbuf this rank's receive buffer
     * @param root    the rank that sends; ERR_ROOT when out of range
     */
    default void Scatterv(Object sendbuf, int[] counts, int[] displs, Object recvbuf, int root) {
        Iscatterv(sendbuf, counts, displs, recvbuf, root).waitFor();
    }

    /**
     * Starts an allgather (see {@link #Allgather}).
     *
     * @param sendbuf this rank's buffer, or {@link MPI#IN_PLACE}
     * @param recvbuf every rank's receive buffer, size × count elements
     * @return a request that completes once this rank's receive buffer is full
     */
    Request<Void> Iallgather(Object sendbuf, Object recvbuf);

    /**
     * Gathers every rank's buffer into every rank's receive buffer, in rank order.
     *
     * @param sendbuf this rank's buffer, or {@link MPI#IN_PLACE}
     * @param recvbuf every rank's receive buffer, size × count elements
     */
    default void Allgather(Object sendbuf, Object recvbuf) {
        Iallgather(sendbuf, recvbuf).waitFor();
    }

    /**
     * Starts an allgather with per-rank counts and displacements (see {@link #Allgatherv}).
     *
     * @param sendbuf this rank's buffer, or {@link MPI#IN_PLACE}
     * @param recvbuf every rank's receive buffer
     * @param counts  the count of elements from each rank
     * @param displs  the offset, in elements, of each rank's part in recvbuf
     * @return a request that completes once this rank's receive buffer is full
     */
    Request<Void> Iallgatherv(Object sendbuf, Object recvbuf, int[] counts, int[] displs);

    /**
     * Gathers rank i's buffer into every receive buffer at displs[i], counts[i] elements.
     *
     * @param sendbuf this rank's buffer, or {@link MPI#IN_PLACE}
     * @param recvbuf every rank's receive buffer
     * @param counts  the count of elements from each rank
     * @param displs  the offset, in elements, of each rank's part in recvbuf
     */
    default void Allgatherv(Object sendbuf, Object recvbuf, int[] counts, int[] displs) {
        Iallgatherv(sendbuf, recvbuf, counts, displs).waitFor();
    }

    /**
     * Starts an all-to-all exchange of equal chunks (see {@link #Alltoall}).
     *
     * @param sendbuf size chunks: chunk j goes to rank j
     * @param recvbuf size chunks: chunk i comes from rank i
     * @return a request that completes once this rank's receive buffer is full
     */
    Request<Void> Ialltoall(Object sendbuf, Object recvbuf);

    /**
     * Sends chunk j of the send buffer to rank j; chunk i of the receive buffer comes from rank i.
     *
     * @param sendbuf size chunks: chunk j goes to rank j
     * @param recvbuf size chunks: chunk i comes from rank i
     */
    default void Alltoall(Object sendbuf, Object recvbuf) {
        Ialltoall(sendbuf, recvbuf).waitFor();
    }

    /**
     * Starts an all-to-all exchange with per-rank counts and displacements (see {@link #Alltoallv}).
     *
     * @param sendbuf    the send buffer
     * @param sendcounts the count of elements for each rank
     * @param sdispls    the offset, in elements, of each rank's part in sendbuf
     * @param recvbuf    the receive buffer
     * @param recvcounts the count of elements from each rank
     * @param rdispls    the offset, in elements, of each rank's part in recvbuf
     * @return a request that completes once this rank's receive buffer is full
     */
    Request<Void> Ialltoallv(Object sendbuf, int[] sendcounts, int[] sdispls, Object recvbuf, int[] recvcounts,
                             int[] rdispls);

    /**
     * Sends sendcounts[j] elements from sdispls[j] to rank j; receives recvcounts[i] at rdispls[i] from rank i.
     *
     * @param sendbuf    the send buffer
     * @param sendcounts the count of elements for each rank
     * @param sdispls    the offset, in elements, of each rank's part in sendbuf
     * @param recvbuf    the receive buffer
     * @param recvcounts the count of elements from each rank
     * @param rdispls    the offset, in elements, of each rank's part in recvbuf
     */
    default void Alltoallv(Object sendbuf, int[] sendcounts, int[] sdispls, Object recvbuf, int[] recvcounts,
                           int[] rdispls) {
        Ialltoallv(sendbuf, sendcounts, sdispls, recvbuf, recvcounts, rdispls).waitFor();
    }

    /**
     * Starts an element-wise reduction into root's receive buffer (see {@link #Reduce(Object, Object, Op, int)}).
     *
     * @param sendbuf this rank's operands ({@link MPI#IN_PLACE} on root: its receive buffer holds them)
     * @param recvbuf root's receive buffer; ignored on other ranks
     * @param op      the reduce operation; ERR_OP when null or not applicable to the element type
     * @param root    the rank that gets the result; ERR_ROOT when out of range
     * @return a request that completes once this rank's part is done
     */
    Request<Void> Ireduce(Object sendbuf, Object recvbuf, Op op, int root);

    /**
     * Reduces every rank's buffer element-wise with op into root's receive buffer.
     *
     * @param sendbuf this rank's operands ({@link MPI#IN_PLACE} on root: its receive buffer holds them)
     * @param recvbuf root's receive buffer; ignored on other ranks
     * @param op      the reduce operation; ERR_OP when null or not applicable to the element type
     * @param root    the rank that gets the result; ERR_ROOT when out of range
     */
    default void Reduce(Object sendbuf, Object recvbuf, Op op, int root) {
        Ireduce(sendbuf, recvbuf, op, root).waitFor();
    }

    /**
     * Reduces with op into rank 0's receive buffer.
     *
     * @param sendbuf this rank's operands
     * @param recvbuf rank 0's receive buffer; ignored on other ranks
     * @param op      the reduce operation
     */
    default void Reduce(Object sendbuf, Object recvbuf, Op op) {
        Reduce(sendbuf, recvbuf, op, 0);
    }

    /**
     * Sums element-wise into rank 0's receive buffer.
     *
     * @param sendbuf this rank's operands
     * @param recvbuf rank 0's receive buffer; ignored on other ranks
     */
    default void Reduce(Object sendbuf, Object recvbuf) {
        Reduce(sendbuf, recvbuf, Op.SUM, 0);
    }

    /**
     * Starts an element-wise reduction whose result reaches every rank.
     *
     * @param sendbuf this rank's operands, or {@link MPI#IN_PLACE} to take them from recvbuf
     * @param recvbuf this rank's receive buffer
     * @param op      the reduce operation; ERR_OP when null or not applicable to the element type
     * @return a request that completes once the result is in recvbuf
     */
    Request<Void> Iallreduce(Object sendbuf, Object recvbuf, Op op);

    /**
     * Reduces every rank's buffer element-wise with op into every rank's receive buffer.
     *
     * @param sendbuf this rank's operands, or {@link MPI#IN_PLACE} to take them from recvbuf
     * @param recvbuf this rank's receive buffer
     * @param op      the reduce operation; ERR_OP when null or not applicable to the element type
     */
    default void Allreduce(Object sendbuf, Object recvbuf, Op op) {
        Iallreduce(sendbuf, recvbuf, op).waitFor();
    }

    /**
     * Sums element-wise into every rank's receive buffer.
     *
     * @param sendbuf this rank's operands, or {@link MPI#IN_PLACE}
     * @param recvbuf this rank's receive buffer
     */
    default void Allreduce(Object sendbuf, Object recvbuf) {
        Allreduce(sendbuf, recvbuf, Op.SUM);
    }

    /**
     * Starts an inclusive element-wise prefix reduction (see {@link #Scan(Object, Object, Op)}).
     *
     * @param sendbuf this rank's operands, or {@link MPI#IN_PLACE}
     * @param recvbuf this rank's receive buffer
     * @param op      the reduce operation; ERR_OP when null or not applicable to the element type
     * @return a request that completes once the result is in recvbuf
     */
    Request<Void> Iscan(Object sendbuf, Object recvbuf, Op op);

    /**
     * Reduces element-wise, in rank order, the buffers of ranks 0 to this one into this rank's receive
     * buffer; {@link MPI#IN_PLACE} as send buffer takes the receive buffer's contents.
     *
     * @param sendbuf this rank's operands, or {@link MPI#IN_PLACE}
     * @param recvbuf this rank's receive buffer
     * @param op      the reduce operation; ERR_OP when null or not applicable to the element type
     */
    default void Scan(Object sendbuf, Object recvbuf, Op op) {
        Iscan(sendbuf, recvbuf, op).waitFor();
    }

    /**
     * An inclusive element-wise prefix sum.
     *
     * @param sendbuf this rank's operands, or {@link MPI#IN_PLACE}
     * @param recvbuf this rank's receive buffer
     */
    default void Scan(Object sendbuf, Object recvbuf) {
        Scan(sendbuf, recvbuf, Op.SUM);
    }

    /**
     * Starts an exclusive element-wise prefix reduction (see {@link #Exscan(Object, Object, Op)}).
     *
     * @param sendbuf this rank's operands, or {@link MPI#IN_PLACE}
     * @param recvbuf this rank's receive buffer
     * @param op      the reduce operation; ERR_OP when null or not applicable to the element type
     * @return a request that completes once the result is in recvbuf
     */
    Request<Void> Iexscan(Object sendbuf, Object recvbuf, Op op);

    /**
     * Reduces element-wise, in rank order, the buffers of the ranks before this one into this rank's
     * receive buffer; rank 0's receive buffer is left as it is. {@link MPI#IN_PLACE} as send buffer
     * takes the receive buffer's contents.
     *
     * @param sendbuf this rank's operands, or {@link MPI#IN_PLACE}
     * @param recvbuf this rank's receive buffer
     * @param op      the reduce operation; ERR_OP when null or not applicable to the element type
     */
    default void Exscan(Object sendbuf, Object recvbuf, Op op) {
        Iexscan(sendbuf, recvbuf, op).waitFor();
    }

    /**
     * An exclusive element-wise prefix sum.
     *
     * @param sendbuf this rank's operands, or {@link MPI#IN_PLACE}
     * @param recvbuf this rank's receive buffer
     */
    default void Exscan(Object sendbuf, Object recvbuf) {
        Exscan(sendbuf, recvbuf, Op.SUM);
    }

    /**
     * Starts a reduction whose result is scattered in equal blocks (see {@link #Reduce_scatter_block(Object, Object, Op)}).
     *
     * @param sendbuf this rank's operands, size × count elements, or {@link MPI#IN_PLACE}
     * @param recvbuf this rank's block of the result, count elements
     * @param op      the reduce operation; ERR_OP when null or not applicable to the element type
     * @return a request that completes once this rank's block is in recvbuf
     */
    Request<Void> Ireduce_scatter_block(Object sendbuf, Object recvbuf, Op op);

    /**
     * Reduces every rank's send buffer (size × count elements) element-wise with op, and gives rank i
     * block i of the result, count elements, where count is the receive buffer's length.
     * {@link MPI#IN_PLACE} as send buffer takes the receive buffer (then size × count elements) as the
     * input; the block lands at its start.
     *
     * @param sendbuf this rank's operands, or {@link MPI#IN_PLACE}
     * @param recvbuf this rank's block of the result
     * @param op      the reduce operation; ERR_OP when null or not applicable to the element type
     */
    default void Reduce_scatter_block(Object sendbuf, Object recvbuf, Op op) {
        Ireduce_scatter_block(sendbuf, recvbuf, op).waitFor();
    }

    /**
     * Sums element-wise and scatters the sum in equal blocks.
     *
     * @param sendbuf this rank's operands, or {@link MPI#IN_PLACE}
     * @param recvbuf this rank's block of the sum
     */
    default void Reduce_scatter_block(Object sendbuf, Object recvbuf) {
        Reduce_scatter_block(sendbuf, recvbuf, Op.SUM);
    }

    /**
     * Starts a reduction whose result is scattered in blocks of recvcounts[i] elements
     * (see {@link #Reduce_scatter(Object, Object, int[], Op)}).
     *
     * @param sendbuf    this rank's operands, or {@link MPI#IN_PLACE}
     * @param recvbuf    this rank's block of the result
     * @param recvcounts the count of elements of each rank's block, the same on every rank
     * @param op         the reduce operation; ERR_OP when null or not applicable to the element type
     * @return a request that completes once this rank's block is in recvbuf
     */
    Request<Void> Ireduce_scatter(Object sendbuf, Object recvbuf, int[] recvcounts, Op op);

    /**
     * Reduces every rank's send buffer (the sum of recvcounts elements) element-wise with op, and gives
     * rank i the recvcounts[i] elements of the result that follow those of the ranks before it, at the
     * start of its receive buffer. Every rank passes the same counts. {@link MPI#IN_PLACE} as send
     * buffer takes the receive buffer as the input.
     *
     * @param sendbuf    this rank's operands, or {@link MPI#IN_PLACE}
     * @param recvbuf    this rank's block of the result
     * @param recvcounts the count of elements of each rank's block; ERR_COUNT when they differ among ranks
     * @param op         the reduce operation; ERR_OP when null or not applicable to the element type
     */
    default void Reduce_scatter(Object sendbuf, Object recvbuf, int[] recvcounts, Op op) {
        Ireduce_scatter(sendbuf, recvbuf, recvcounts, op).waitFor();
    }

    /**
     * Sums element-wise and scatters the sum in blocks of recvcounts[i] elements.
     *
     * @param sendbuf    this rank's operands, or {@link MPI#IN_PLACE}
     * @param recvbuf    this rank's block of the sum
     * @param recvcounts the count of elements of each rank's block, the same on every rank
     */
    default void Reduce_scatter(Object sendbuf, Object recvbuf, int[] recvcounts) {
        Reduce_scatter(sendbuf, recvbuf, recvcounts, Op.SUM);
    }

    /**
     * Starts an all-to-all exchange of one buffer per peer (see {@link #Alltoallw}).
     *
     * @param sendbufs one buffer per rank: sendbufs[j] goes to rank j
     * @param recvbufs one buffer per rank: recvbufs[i] receives from rank i
     * @return a request that completes once every receive buffer is full
     */
    Request<Void> Ialltoallw(Object[] sendbufs, Object[] recvbufs);

    /**
     * Sends sendbufs[j] whole to rank j and receives into recvbufs[i] what rank i sent to this rank;
     * each buffer has its own element type and length (MPI's per-peer datatypes). A receive buffer of
     * another element type than its sender's fails with ERR_TYPE, one too short with ERR_TRUNCATE.
     *
     * @param sendbufs one buffer per rank: sendbufs[j] goes to rank j
     * @param recvbufs one buffer per rank: recvbufs[i] receives from rank i
     */
    default void Alltoallw(Object[] sendbufs, Object[] recvbufs) {
        Ialltoallw(sendbufs, recvbufs).waitFor();
    }

    // ---- Topologies -----------------------------------------------------------------------------

    /**
     * Makes a Cartesian communicator: its ranks laid out on a grid of {@code dims}, row-major, each
     * dimension periodic (wrapping round) or not. Collective over this communicator; the ranks beyond
     * the grid's product get {@link MPI#COMM_NULL}. jmpi keeps the ranks' order whatever
     * {@code reorder} says (MPI allows either).
     *
     * @param dims    the extent of each dimension, each 1 or more; their product at most {@link #size()}
     * @param periods whether each dimension wraps round ({@code null}: none does)
     * @param reorder whether the ranks may be renumbered to fit the hardware
     * @return the Cartesian communicator, or {@link MPI#COMM_NULL} on a rank outside the grid
     * @throws MPIException ERR_DIMS when a dimension is below 1 or their product exceeds the size,
     *                      ERR_ARG when periods has another length than dims
     */
    Cartcomm Create_cart(int[] dims, boolean[] periods, boolean reorder);

    /**
     * Makes a Cartesian communicator whose ranks keep their order (see
     * {@link #Create_cart(int[], boolean[], boolean)}).
     *
     * @param dims    the extent of each dimension
     * @param periods whether each dimension wraps round ({@code null}: none does)
     * @return the Cartesian communicator, or {@link MPI#COMM_NULL} on a rank outside the grid
     */
    default Cartcomm Create_cart(int[] dims, boolean[] periods) {
        return Create_cart(dims, periods, false);
    }

    /**
     * Makes a Cartesian communicator with no periodic dimension (see
     * {@link #Create_cart(int[], boolean[], boolean)}).
     *
     * @param dims the extent of each dimension
     * @return the Cartesian communicator, or {@link MPI#COMM_NULL} on a rank outside the grid
     */
    default Cartcomm Create_cart(int[] dims) {
        return Create_cart(dims, null, false);
    }

    /**
     * Makes a communicator with a distributed graph topology, each rank naming its own neighbours:
     * the ranks it receives from and those it sends to, in the order of the neighbour collectives'
     * blocks (a rank may appear more than once, and may be this rank). Collective over this
     * communicator; every rank is a member. The graph must be consistent: rank j is among rank i's
     * destinations as many times as i is among j's sources. jmpi keeps the ranks' order whatever
     * {@code reorder} says.
     *
     * @param sources      the ranks this rank receives from ({@code null}: none)
     * @param destinations the ranks this rank sends to ({@code null}: none)
     * @param reorder      whether the ranks may be renumbered to fit the hardware
     * @return the distributed graph communicator
     * @throws MPIException ERR_RANK when a neighbour is not a rank of this communicator
     */
    Distgraphcomm Create_dist_graph_adjacent(int[] sources, int[] destinations, boolean reorder);

    /**
     * Makes a distributed graph communicator whose ranks keep their order (see
     * {@link #Create_dist_graph_adjacent(int[], int[], boolean)}).
     *
     * @param sources      the ranks this rank receives from ({@code null}: none)
     * @param destinations the ranks this rank sends to ({@code null}: none)
     * @return the distributed graph communicator
     */
    default Distgraphcomm Create_dist_graph_adjacent(int[] sources, int[] destinations) {
        return Create_dist_graph_adjacent(sources, destinations, false);
    }

    /**
     * The topology this communicator carries (MPI's {@code MPI_Topo_test}).
     *
     * @return {@link MPI#CART}, {@link MPI#DIST_GRAPH}, or {@link MPI#UNDEFINED} for none
     */
    default int Get_topology() {
        return MPI.UNDEFINED;
    }

    /**
     * The topology this communicator carries, as {@link #Get_topology()}.
     *
     * @return {@link MPI#CART}, {@link MPI#DIST_GRAPH}, or {@link MPI#UNDEFINED} for none
     */
    default int topology() {
        return Get_topology();
    }

    /**
     * Whether this communicator carries a topology.
     *
     * @return true for a Cartesian or graph communicator
     */
    default boolean is_topo() {
        return Get_topology() != MPI.UNDEFINED;
    }

    // ---- Custom operations ---------------------------------------------------------------------

    /**
     * Submits a custom operation. The coordinator calls the context's {@code apply} once every source
     * rank's data has arrived; each destination gets its entry of the result ({@code null} if none),
     * other members get {@code null}. A rank outside the group gets {@code null} at once.
     *
     * @param op  the operation, its group and this rank's data
     * @param <T> the type of the data each source rank contributes
     * @param <R> the type of each destination's result
     * @return a request for this rank's entry of the result
     */
    default <T, R> Request<R> submit(OperationRequest<T, R> op) {
        return submit(op, Function.identity());
    }

    /**
     * Like {@link #submit(OperationRequest)}; callback runs on the result before the request completes.
     *
     * @param op       the operation, its group and this rank's data
     * @param callback maps this rank's entry of the result
     * @param <T>      the type of the data each source rank contributes
     * @param <R>      the type of each destination's result
     * @param <U>      the type the callback returns
     * @return a request for the callback's value
     */
    <T, R, U> Request<U> submit(OperationRequest<T, R> op, Function<? super R, ? extends U> callback);

    // ---- Shared state ----------------------------------------------------------------------------

    /**
     * The counter of this name on this communicator, held by the coordinator; made at 0 by its first
     * use. Not collective: any rank may call it at any time, and every rank that names it gets the same
     * counter.
     *
     * @param name the counter's name, unique among this communicator's counters
     * @return the counter
     */
    jmpi.shared.SharedCounter counter(String name);

    /**
     * The fair lock of this name on this communicator, held by the coordinator (see
     * {@link jmpi.shared.SharedLock}: a lock whose owner fails passes to the next waiter, which is told).
     * Not collective.
     *
     * @param name the lock's name, unique among this communicator's locks
     * @return the lock; the same object for the same name on this rank
     */
    jmpi.shared.SharedLock lock(String name);

    /**
     * The fair semaphore of this name on this communicator, held by the coordinator, made with permits
     * by the first call of any rank that reaches the coordinator. Not collective.
     *
     * @param name    the semaphore's name, unique among this communicator's semaphores
     * @param permits the permits it starts with, 0 or more; the first call to reach the coordinator decides
     * @return the semaphore
     */
    jmpi.shared.SharedSemaphore semaphore(String name, int permits);

    /**
     * The map of this name on this communicator, held by the coordinator; made empty by its first use.
     * Not collective.
     *
     * @param name the map's name, unique among this communicator's maps
     * @param <K>  the type of the keys
     * @param <V>  the type of the values
     * @return the map
     */
    <K, V> jmpi.shared.SharedMap<K, V> map(String name);
}
