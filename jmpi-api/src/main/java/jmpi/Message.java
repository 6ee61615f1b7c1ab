package jmpi;

/**
 * A message taken by a matched probe ({@link Comm#mprobe}, {@link Comm#improbe}): no other receive
 * can take it, and it is received once, as an object or into a buffer, by its own receive.
 *
 * {@snippet class=jmpi.PointToPointSnippets region=mprobe}
 */
public interface Message {
    /**
     * The message's source, tag and count (elements for a buffer, bytes for an object).
     *
     * @return the message's status
     */
    Status status();

    /**
     * Receives the message as an object; ERR_TYPE if it is a buffer, ERR_REQUEST if it was received already.
     *
     * @param <T> the object's type
     * @return the object
     */
    <T> T recv();

    /**
     * {@link #recv()}, as a request (complete once the message's bytes are in).
     *
     * @param <T> the object's type
     * @return a request for the object
     */
    <T> Request<T> irecv();

    /**
     * Receives the message into buf; ERR_TYPE or ERR_TRUNCATE as a receive would, ERR_REQUEST if it was received already.
     *
     * @param buf the buffer to receive into
     * @return the message's status
     */
    default Status Recv(Object buf) {
        return Irecv(buf).waitFor();
    }

    /**
     * {@link #Recv(Object)}, as a request.
     *
     * @param buf the buffer to receive into
     * @return a request for the message's status
     */
    Request<Status> Irecv(Object buf);

    /**
     * Whether the message has been received (mpi4py's message is then {@code MESSAGE_NULL}).
     *
     * @return true once received
     */
    boolean received();
}
