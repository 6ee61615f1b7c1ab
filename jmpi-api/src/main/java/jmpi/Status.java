package jmpi;

/**
 * What a receive or probe learned about a message.
 *
 * @param source the sender's rank in the communicator
 * @param tag the message tag
 * @param countLong elements for buffers, serialized bytes for objects
 * @param cancelled whether the operation was cancelled
 * @param error the operation's error class: {@link MPI#SUCCESS} for a status that a completed
 *              operation returns (a failed one throws its {@link MPIException} instead)
 */
public record Status(int source, int tag, long countLong, boolean cancelled, int error) {

    /**
     * A status without error.
     *
     * @param source the sender's rank in the communicator
     * @param tag the message tag
     * @param count elements for buffers, serialized bytes for objects
     * @param cancelled whether the operation was cancelled
     */
    public Status(int source, int tag, int count, boolean cancelled) {
        this(source, tag, count, cancelled, MPI.SUCCESS);
    }

    /**
     * The count, or {@link MPI#UNDEFINED} if it does not fit an int (see {@link #countLong()}), as MPI's Get_count.
     *
     * @return the count, or {@link MPI#UNDEFINED}
     */
    public int count() {
        return countLong > Integer.MAX_VALUE ? MPI.UNDEFINED : (int) countLong;
    }

    /**
     * mpi4py's spelling of {@link #source()}.
     *
     * @return the sender's rank
     */
    public int getSource() {
        return source;
    }

    /**
     * mpi4py's spelling of {@link #tag()}.
     *
     * @return the message tag
     */
    public int getTag() {
        return tag;
    }

    /**
     * mpi4py's spelling of {@link #count()}.
     *
     * @return the count, or {@link MPI#UNDEFINED}
     */
    public int getCount() {
        return count();
    }

    /**
     * mpi4py's spelling of {@link #error()}.
     *
     * @return the error class
     */
    public int getError() {
        return error;
    }

    /**
     * mpi4py's spelling of {@link #cancelled()}.
     *
     * @return whether the operation was cancelled
     */
    public boolean isCancelled() {
        return cancelled;
    }
}
