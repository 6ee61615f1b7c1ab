package jmpi;

import java.util.List;

/**
 * An intercommunicator: two disjoint groups, each rank talking to the other group. {@link #rank()},
 * {@link #size()} and {@link #group()} are of this rank's own group (the local group); the ranks that
 * point-to-point calls name (destinations, sources, a status's source) are ranks of the remote group.
 * Made by {@link Comm#Create_intercomm(int, Comm, int, int)}; {@link #Merge(boolean)} makes one
 * intracommunicator of both groups.
 *
 * <p>Its collectives are MPI's intercommunicator collectives, called by every rank of both groups:
 * {@link #barrier()}; {@link #bcast(Object, int)} and {@link #Bcast(Object, int)}, where the root
 * passes {@link MPI#ROOT}, the other ranks of its group {@link MPI#PROC_NULL} (both get nothing), and
 * the ranks of the other group the root's rank in the remote group; {@link #allgather(Object)} and
 * {@link #Allgather(Object, Object)}, each group getting the other group's objects or blocks;
 * {@link #allreduce(Object, Op)} and {@link #Allreduce(Object, Object, Op)}, each group getting the
 * reduction of the other group's values, in the remote group's rank order. The other collectives, and making communicators from it
 * other than by {@link #Dup()} and {@link #Merge(boolean)}, fail with {@link MPI#ERR_COMM};
 * {@link #Idup()} makes its duplicate before it returns.
 */
public interface Intercomm extends Comm {

    /**
     * The number of ranks of the remote group.
     *
     * @return the remote group's size
     */
    int remoteSize();

    /**
     * mpi4py's spelling of {@link #remoteSize()}.
     *
     * @return the remote group's size
     */
    default int Get_remote_size() {
        return remoteSize();
    }

    /**
     * The remote group's processes, in the order of their ranks (local).
     *
     * @return the remote group; this process is not in it
     */
    Group remoteGroup();

    /**
     * mpi4py's spelling of {@link #remoteGroup()}.
     *
     * @return the remote group
     */
    default Group Get_remote_group() {
        return remoteGroup();
    }

    /**
     * Makes one intracommunicator of both groups (collective over both): the group that passed
     * {@code high = false} comes first, each group keeping its order; when both groups pass the same
     * value, the group that holds the lower world rank comes first.
     *
     * @param high the same on every rank of a group (ERR_ARG otherwise, on every rank)
     * @return the intracommunicator of both groups
     */
    Comm Merge(boolean high);

    /**
     * {@link #Merge(boolean)} with {@code high = false}, as mpi4py's default.
     *
     * @return the intracommunicator of both groups
     */
    default Comm Merge() {
        return Merge(false);
    }

    /**
     * Duplicates the intercommunicator (collective over both groups): the same groups, separate traffic.
     *
     * @return the new intercommunicator
     */
    @Override
    Intercomm Dup();

    /**
     * Always true: this is an intercommunicator.
     *
     * @return true
     */
    @Override
    default boolean Is_inter() {
        return true;
    }

    /**
     * Starts gathering every rank's object of the remote group: each group gets the other's.
     *
     * @param obj this rank's object
     * @param <T> the objects' type
     * @return a request for the remote group's objects, in the order of their ranks
     */
    @Override
    <T> Request<List<T>> iallgather(T obj);
}
