package jmpi;

import java.util.Optional;

/**
 * The point-to-point operations of a {@link Comm}: objects (lowercase) and buffers (capitalized),
 * MPI's send modes, combined send-receive and matched probes. Overloads default {@code source} to
 * {@link MPI#ANY_SOURCE}, {@code tag} to {@link MPI#ANY_TAG} (0 for sends); methods starting with
 * {@code i}/{@code I} do not block and return a {@link Request}.
 *
 * <p>A {@code dest} or {@code source} may be {@link MPI#PROC_NULL}; any other rank out of range fails
 * with ERR_RANK. A send tag must not be negative, a receive tag may also be {@link MPI#ANY_TAG}; other
 * tags fail with ERR_TAG. A buffer that is not a primitive array or {@code java.nio} buffer fails with
 * ERR_BUFFER.
 *
 * {@snippet class=jmpi.PointToPointSnippets region=buffers}
 */
public interface PointToPoint {

    // ---- Objects ---------------------------------------------------------------------------------

    /**
     * Starts a send; it completes once the message is handed off, not when it is received.
     *
     * @param obj  the object to send, serialized
     * @param dest the receiving rank
     * @param tag  the message tag
     * @return a request that completes once the message is handed off
     */
    Request<Void> isend(Object obj, int dest, int tag);

    /**
     * Starts a send with tag 0 (see {@link #isend(Object, int, int)}).
     *
     * @param obj  the object to send, serialized
     * @param dest the receiving rank
     * @return a request that completes once the message is handed off
     */
    default Request<Void> isend(Object obj, int dest) {
        return isend(obj, dest, 0);
    }

    /**
     * Sends obj to dest; returns once the message is handed off.
     *
     * @param obj  the object to send, serialized
     * @param dest the receiving rank
     * @param tag  the message tag
     */
    default void send(Object obj, int dest, int tag) {
        isend(obj, dest, tag).waitFor();
    }

    /**
     * Sends obj to dest with tag 0.
     *
     * @param obj  the object to send, serialized
     * @param dest the receiving rank
     */
    default void send(Object obj, int dest) {
        send(obj, dest, 0);
    }

    /**
     * Starts a synchronous send; it completes once the matching receive has started.
     *
     * @param obj  the object to send, serialized
     * @param dest the receiving rank
     * @param tag  the message tag
     * @return a request that completes once the matching receive has started
     */
    Request<Void> issend(Object obj, int dest, int tag);

    /**
     * Starts a synchronous send with tag 0.
     *
     * @param obj  the object to send, serialized
     * @param dest the receiving rank
     * @return a request that completes once the matching receive has started
     */
    default Request<Void> issend(Object obj, int dest) {
        return issend(obj, dest, 0);
    }

    /**
     * Sends obj to dest and waits until the matching receive has started.
     *
     * @param obj  the object to send, serialized
     * @param dest the receiving rank
     * @param tag  the message tag
     */
    default void ssend(Object obj, int dest, int tag) {
        issend(obj, dest, tag).waitFor();
    }

    /**
     * A synchronous send with tag 0.
     *
     * @param obj  the object to send, serialized
     * @param dest the receiving rank
     */
    default void ssend(Object obj, int dest) {
        ssend(obj, dest, 0);
    }

    /**
     * Starts a receive; its {@link Request#status()} tells source, tag and size.
     *
     * @param source the sending rank, or a wildcard
     * @param tag    the tag to match, or {@link MPI#ANY_TAG}
     * @param <T>    the object's type
     * @return a request for the received object
     */
    <T> Request<T> irecv(int source, int tag);

    /**
     * Starts a receive of any tag from source.
     *
     * @param source the sending rank, or a wildcard
     * @param <T>    the object's type
     * @return a request for the received object
     */
    default <T> Request<T> irecv(int source) {
        return irecv(source, MPI.ANY_TAG);
    }

    /**
     * Starts a receive of any message.
     *
     * @param <T> the object's type
     * @return a request for the received object
     */
    default <T> Request<T> irecv() {
        return irecv(MPI.ANY_SOURCE, MPI.ANY_TAG);
    }

    /**
     * Receives an object from source with tag (either may be a wildcard).
     *
     * @param source the sending rank, or a wildcard
     * @param tag    the tag to match, or {@link MPI#ANY_TAG}
     * @param <T>    the object's type
     * @return the received object
     */
    default <T> T recv(int source, int tag) {
        return this.<T>irecv(source, tag).waitFor();
    }

    /**
     * Receives an object of any tag from source.
     *
     * @param source the sending rank, or a wildcard
     * @param <T>    the object's type
     * @return the received object
     */
    default <T> T recv(int source) {
        return recv(source, MPI.ANY_TAG);
    }

    /**
     * Receives any object.
     *
     * @param <T> the object's type
     * @return the received object
     */
    default <T> T recv() {
        return recv(MPI.ANY_SOURCE, MPI.ANY_TAG);
    }

    /**
     * Sends obj to dest and receives from source, without deadlock.
     *
     * @param obj     the object to send, serialized
     * @param dest    the receiving rank
     * @param sendtag the tag of the message sent
     * @param source  the sending rank, or a wildcard
     * @param recvtag the tag to match, or {@link MPI#ANY_TAG}
     * @param <T>     the received object's type
     * @return the received object
     */
    default <T> T sendrecv(Object obj, int dest, int sendtag, int source, int recvtag) {
        return this.<T>isendrecv(obj, dest, sendtag, source, recvtag).waitFor();
    }

    /**
     * Starts a send of obj to dest and a receive from source together; the request completes with the
     * received object once both are done. Either half refused (a bad rank, tag or object) starts neither.
     *
     * @param obj     the object to send, serialized
     * @param dest    the receiving rank
     * @param sendtag the tag of the message sent
     * @param source  the sending rank, or a wildcard
     * @param recvtag the tag to match, or {@link MPI#ANY_TAG}
     * @param <T>     the received object's type
     * @return a request for the received object
     */
    <T> Request<T> isendrecv(Object obj, int dest, int sendtag, int source, int recvtag);

    /**
     * Sends obj to dest with tag 0 and receives a message of any tag from source.
     *
     * @param obj    the object to send, serialized
     * @param dest   the receiving rank
     * @param source the sending rank, or a wildcard
     * @param <T>    the received object's type
     * @return the received object
     */
    default <T> T sendrecv(Object obj, int dest, int source) {
        return sendrecv(obj, dest, 0, source, MPI.ANY_TAG);
    }

    /**
     * Waits until a matching message can be received and describes it, without receiving it.
     *
     * @param source the sending rank, or a wildcard
     * @param tag    the tag to match, or {@link MPI#ANY_TAG}
     * @return the message's source, tag and count
     */
    Status probe(int source, int tag);

    /**
     * Probes for a message of any tag from source.
     *
     * @param source the sending rank, or a wildcard
     * @return the message's source, tag and count
     */
    default Status probe(int source) {
        return probe(source, MPI.ANY_TAG);
    }

    /**
     * Probes for any message.
     *
     * @return the message's source, tag and count
     */
    default Status probe() {
        return probe(MPI.ANY_SOURCE, MPI.ANY_TAG);
    }

    /**
     * Describes a matching message if one can be received now.
     *
     * @param source the sending rank, or a wildcard
     * @param tag    the tag to match, or {@link MPI#ANY_TAG}
     * @return the message's status, or empty if none has arrived
     */
    Optional<Status> iprobe(int source, int tag);

    /**
     * Probes, without waiting, for a message of any tag from source.
     *
     * @param source the sending rank, or a wildcard
     * @return the message's status, or empty if none has arrived
     */
    default Optional<Status> iprobe(int source) {
        return iprobe(source, MPI.ANY_TAG);
    }

    /**
     * Probes, without waiting, for any message.
     *
     * @return the message's status, or empty if none has arrived
     */
    default Optional<Status> iprobe() {
        return iprobe(MPI.ANY_SOURCE, MPI.ANY_TAG);
    }

    // ---- Buffers ---------------------------------------------------------------------------------

    /**
     * Starts a send of a buffer; it completes once the message is handed off.
     *
     * @param buf  the buffer to send
     * @param dest the receiving rank
     * @param tag  the message tag
     * @return a request that completes once the message is handed off
     */
    Request<Void> Isend(Object buf, int dest, int tag);

    /**
     * Sends a buffer; returns once the message is handed off.
     *
     * @param buf  the buffer to send
     * @param dest the receiving rank
     * @param tag  the message tag
     */
    default void Send(Object buf, int dest, int tag) {
        Isend(buf, dest, tag).waitFor();
    }

    /**
     * Sends a buffer with tag 0.
     *
     * @param buf  the buffer to send
     * @param dest the receiving rank
     */
    default void Send(Object buf, int dest) {
        Send(buf, dest, 0);
    }

    /**
     * Starts a synchronous send of a buffer; it completes once the matching receive has started.
     *
     * @param buf  the buffer to send
     * @param dest the receiving rank
     * @param tag  the message tag
     * @return a request that completes once the matching receive has started
     */
    Request<Void> Issend(Object buf, int dest, int tag);

    /**
     * Sends a buffer and waits until the matching receive has started.
     *
     * @param buf  the buffer to send
     * @param dest the receiving rank
     * @param tag  the message tag
     */
    default void Ssend(Object buf, int dest, int tag) {
        Issend(buf, dest, tag).waitFor();
    }

    /**
     * A synchronous send of a buffer with tag 0.
     *
     * @param buf  the buffer to send
     * @param dest the receiving rank
     */
    default void Ssend(Object buf, int dest) {
        Ssend(buf, dest, 0);
    }

    /**
     * Starts a receive into a buffer; the message may be shorter than the buffer ({@link Status#count()}
     * says how many elements arrived), a longer one fails with ERR_TRUNCATE.
     *
     * @param buf    the buffer to receive into
     * @param source the sending rank, or a wildcard
     * @param tag    the tag to match, or {@link MPI#ANY_TAG}
     * @return a request for the status of the message
     */
    Request<Status> Irecv(Object buf, int source, int tag);

    /**
     * Receives into a buffer; returns the status of the message.
     *
     * @param buf    the buffer to receive into
     * @param source the sending rank, or a wildcard
     * @param tag    the tag to match, or {@link MPI#ANY_TAG}
     * @return the message's source, tag and count of elements
     */
    default Status Recv(Object buf, int source, int tag) {
        return Irecv(buf, source, tag).waitFor();
    }

    /**
     * Receives a message of any tag from source into a buffer.
     *
     * @param buf    the buffer to receive into
     * @param source the sending rank, or a wildcard
     * @return the message's source, tag and count of elements
     */
    default Status Recv(Object buf, int source) {
        return Recv(buf, source, MPI.ANY_TAG);
    }

    /**
     * Receives any message into a buffer.
     *
     * @param buf the buffer to receive into
     * @return the message's source, tag and count of elements
     */
    default Status Recv(Object buf) {
        return Recv(buf, MPI.ANY_SOURCE, MPI.ANY_TAG);
    }

    /**
     * Sends one buffer and receives into another, without deadlock.
     *
     * @param sendbuf the buffer to send
     * @param dest    the receiving rank
     * @param sendtag the tag of the message sent
     * @param recvbuf the buffer to receive into
     * @param source  the sending rank, or a wildcard
     * @param recvtag the tag to match, or {@link MPI#ANY_TAG}
     * @return the status of the received message
     */
    default Status Sendrecv(Object sendbuf, int dest, int sendtag, Object recvbuf, int source, int recvtag) {
        return Isendrecv(sendbuf, dest, sendtag, recvbuf, source, recvtag).waitFor();
    }

    /**
     * Starts a send of sendbuf and a receive into recvbuf together; completes with the receive's status once both are done.
     *
     * @param sendbuf the buffer to send
     * @param dest    the receiving rank
     * @param sendtag the tag of the message sent
     * @param recvbuf the buffer to receive into
     * @param source  the sending rank, or a wildcard
     * @param recvtag the tag to match, or {@link MPI#ANY_TAG}
     * @return a request for the status of the received message
     */
    Request<Status> Isendrecv(Object sendbuf, int dest, int sendtag, Object recvbuf, int source, int recvtag);

    /**
     * Sends a buffer and receives into the same buffer.
     *
     * @param buf     the buffer sent, then overwritten by the received message
     * @param dest    the receiving rank
     * @param sendtag the tag of the message sent
     * @param source  the sending rank, or a wildcard
     * @param recvtag the tag to match, or {@link MPI#ANY_TAG}
     * @return the status of the received message
     */
    default Status Sendrecv_replace(Object buf, int dest, int sendtag, int source, int recvtag) {
        // sent from a copy, as the receive overwrites buf; the runtime knows how each element type copies
        Object copy = Runtimes.provider().elements().copyOf(buf);
        return Sendrecv(copy, dest, sendtag, buf, source, recvtag);
    }

    // ---- Send modes ------------------------------------------------------------------------------

    /**
     * Starts a ready send: MPI lets it start only once the matching receive is posted. jmpi sends it as
     * a standard send, which is a correct ready send whether or not the receive is there yet.
     *
     * @param buf  the buffer to send
     * @param dest the receiving rank
     * @param tag  the message tag
     * @return a request that completes once the message is handed off
     */
    default Request<Void> Irsend(Object buf, int dest, int tag) {
        return Isend(buf, dest, tag);
    }

    /**
     * A ready send of a buffer (see {@link #Irsend}).
     *
     * @param buf  the buffer to send
     * @param dest the receiving rank
     * @param tag  the message tag
     */
    default void Rsend(Object buf, int dest, int tag) {
        Irsend(buf, dest, tag).waitFor();
    }

    /**
     * Starts a buffered send: the message is copied into the attached buffer (this communicator's, see
     * {@link #Attach_buffer}, else the process's, see {@link MPI#Attach_buffer}) and the request is
     * complete at once. ERR_BUFFER when no buffer is attached or the message does not fit in its free space.
     *
     * @param buf  the buffer to send
     * @param dest the receiving rank
     * @param tag  the message tag
     * @return a request, complete once the message is copied
     */
    Request<Void> Ibsend(Object buf, int dest, int tag);

    /**
     * A buffered send of a buffer (see {@link #Ibsend}); returns once the message is copied.
     *
     * @param buf  the buffer to send
     * @param dest the receiving rank
     * @param tag  the message tag
     */
    default void Bsend(Object buf, int dest, int tag) {
        Ibsend(buf, dest, tag).waitFor();
    }

    /**
     * A buffered send of an object, serialized into the attached buffer (see {@link #Ibsend}).
     *
     * @param obj  the object to send, serialized
     * @param dest the receiving rank
     * @param tag  the message tag
     * @return a request, complete once the message is copied
     */
    Request<Void> ibsend(Object obj, int dest, int tag);

    /**
     * A buffered send of an object (see {@link #ibsend}); returns once the message is copied.
     *
     * @param obj  the object to send, serialized
     * @param dest the receiving rank
     * @param tag  the message tag
     */
    default void bsend(Object obj, int dest, int tag) {
        ibsend(obj, dest, tag).waitFor();
    }

    /**
     * Attaches a buffer of bytes for this communicator's buffered sends (MPI 4.1's communicator buffer),
     * used before the process's; ERR_BUFFER if one is attached already.
     *
     * @param bytes the buffer's size in bytes
     */
    void Attach_buffer(int bytes);

    /**
     * Detaches this communicator's buffer once every message in it has gone; returns its size.
     *
     * @return the detached buffer's size in bytes
     */
    int Detach_buffer();

    // ---- Matched probes --------------------------------------------------------------------------

    /**
     * Waits for a matching message and takes it from the queue: no other receive can take it, only the
     * returned {@link Message}'s own. For {@link MPI#PROC_NULL}, {@link MPI#MESSAGE_NO_PROC}.
     *
     * @param source the sending rank, or a wildcard
     * @param tag    the tag to match, or {@link MPI#ANY_TAG}
     * @return the message, to receive with its own receive
     */
    Message mprobe(int source, int tag);

    /**
     * Takes a message of any tag from source (see {@link #mprobe(int, int)}).
     *
     * @param source the sending rank, or a wildcard
     * @return the message, to receive with its own receive
     */
    default Message mprobe(int source) {
        return mprobe(source, MPI.ANY_TAG);
    }

    /**
     * Takes any message (see {@link #mprobe(int, int)}).
     *
     * @return the message, to receive with its own receive
     */
    default Message mprobe() {
        return mprobe(MPI.ANY_SOURCE, MPI.ANY_TAG);
    }

    /**
     * Takes a matching message if one can be received now (see {@link #mprobe}).
     *
     * @param source the sending rank, or a wildcard
     * @param tag    the tag to match, or {@link MPI#ANY_TAG}
     * @return the message, or empty if none has arrived
     */
    Optional<Message> improbe(int source, int tag);

    /**
     * Takes a message of any tag from source if one can be received now.
     *
     * @param source the sending rank, or a wildcard
     * @return the message, or empty if none has arrived
     */
    default Optional<Message> improbe(int source) {
        return improbe(source, MPI.ANY_TAG);
    }

    /**
     * Takes any message if one can be received now.
     *
     * @return the message, or empty if none has arrived
     */
    default Optional<Message> improbe() {
        return improbe(MPI.ANY_SOURCE, MPI.ANY_TAG);
    }

    /**
     * mpi4py's name for the buffer side: the same as {@link #mprobe}, whose message may be received either way.
     *
     * @param source the sending rank, or a wildcard
     * @param tag    the tag to match, or {@link MPI#ANY_TAG}
     * @return the message, to receive with its own receive
     */
    default Message Mprobe(int source, int tag) {
        return mprobe(source, tag);
    }

    /**
     * The same as {@link #mprobe(int)}.
     *
     * @param source the sending rank, or a wildcard
     * @return the message, to receive with its own receive
     */
    default Message Mprobe(int source) {
        return mprobe(source, MPI.ANY_TAG);
    }

    /**
     * The same as {@link #mprobe()}.
     *
     * @return the message, to receive with its own receive
     */
    default Message Mprobe() {
        return mprobe(MPI.ANY_SOURCE, MPI.ANY_TAG);
    }

    /**
     * The same as {@link #improbe}.
     *
     * @param source the sending rank, or a wildcard
     * @param tag    the tag to match, or {@link MPI#ANY_TAG}
     * @return the message, or empty if none has arrived
     */
    default Optional<Message> Improbe(int source, int tag) {
        return improbe(source, tag);
    }

    /**
     * The same as {@link #improbe()}.
     *
     * @return the message, or empty if none has arrived
     */
    default Optional<Message> Improbe() {
        return improbe(MPI.ANY_SOURCE, MPI.ANY_TAG);
    }
}
