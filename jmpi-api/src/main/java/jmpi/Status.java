package jmpi;

/**
 * What a receive or probe learned about a message.
 *
 * @param source the sender's rank in the communicator
 * @param tag the message tag
 * @param count elements for buffers, serialized bytes for objects
 * @param cancelled whether the operation was cancelled
 */
public record Status(int source, int tag, int count, boolean cancelled) {
    /** mpi4py's spelling of {@link #source()}. */
    public int getSource() {
        return source;
    }

    /** mpi4py's spelling of {@link #tag()}. */
    public int getTag() {
        return tag;
    }

    /** mpi4py's spelling of {@link #count()}. */
    public int getCount() {
        return count;
    }

    /** mpi4py's spelling of {@link #cancelled()}. */
    public boolean isCancelled() {
        return cancelled;
    }
}
