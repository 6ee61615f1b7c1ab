package jmpi;

import java.util.Optional;

/**
 * The point-to-point operations of a {@link Comm}: objects (lowercase) and buffers (capitalized),
 * MPI's send modes, combined send-receive and matched probes. Overloads default {@code source} to
 * {@link MPI#ANY_SOURCE}, {@code tag} to {@link MPI#ANY_TAG} (0 for sends); methods starting with
 * {@code i}/{@code I} do not block and return a {@link Request}.
 */
public interface PointToPoint {

    // ---- Objects ---------------------------------------------------------------------------------

    /** Starts a send; it completes once the message is handed off, not when it is received. */
    Request<Void> isend(Object obj, int dest, int tag);

    default Request<Void> isend(Object obj, int dest) {
        return isend(obj, dest, 0);
    }

    /** Sends obj to dest; returns once the message is handed off. */
    default void send(Object obj, int dest, int tag) {
        isend(obj, dest, tag).waitFor();
    }

    default void send(Object obj, int dest) {
        send(obj, dest, 0);
    }

    /** Starts a synchronous send; it completes once the matching receive has started. */
    Request<Void> issend(Object obj, int dest, int tag);

    default Request<Void> issend(Object obj, int dest) {
        return issend(obj, dest, 0);
    }

    /** Sends obj to dest and waits until the matching receive has started. */
    default void ssend(Object obj, int dest, int tag) {
        issend(obj, dest, tag).waitFor();
    }

    default void ssend(Object obj, int dest) {
        ssend(obj, dest, 0);
    }

    /** Starts a receive; its {@link Request#status()} tells source, tag and size. */
    <T> Request<T> irecv(int source, int tag);

    default <T> Request<T> irecv(int source) {
        return irecv(source, MPI.ANY_TAG);
    }

    default <T> Request<T> irecv() {
        return irecv(MPI.ANY_SOURCE, MPI.ANY_TAG);
    }

    /** Receives an object from source with tag (either may be a wildcard). */
    default <T> T recv(int source, int tag) {
        return this.<T>irecv(source, tag).waitFor();
    }

    default <T> T recv(int source) {
        return recv(source, MPI.ANY_TAG);
    }

    default <T> T recv() {
        return recv(MPI.ANY_SOURCE, MPI.ANY_TAG);
    }

    /** Sends obj to dest and receives from source, without deadlock. */
    default <T> T sendrecv(Object obj, int dest, int sendtag, int source, int recvtag) {
        return this.<T>isendrecv(obj, dest, sendtag, source, recvtag).waitFor();
    }

    /**
     * Starts a send of obj to dest and a receive from source together; the request completes with the
     * received object once both are done. Either half refused (a bad rank, tag or object) starts neither.
     */
    <T> Request<T> isendrecv(Object obj, int dest, int sendtag, int source, int recvtag);

    default <T> T sendrecv(Object obj, int dest, int source) {
        return sendrecv(obj, dest, 0, source, MPI.ANY_TAG);
    }

    /** Waits until a matching message can be received and describes it, without receiving it. */
    Status probe(int source, int tag);

    default Status probe(int source) {
        return probe(source, MPI.ANY_TAG);
    }

    default Status probe() {
        return probe(MPI.ANY_SOURCE, MPI.ANY_TAG);
    }

    /** Describes a matching message if one can be received now. */
    Optional<Status> iprobe(int source, int tag);

    default Optional<Status> iprobe(int source) {
        return iprobe(source, MPI.ANY_TAG);
    }

    default Optional<Status> iprobe() {
        return iprobe(MPI.ANY_SOURCE, MPI.ANY_TAG);
    }

    // ---- Buffers ---------------------------------------------------------------------------------

    /** Starts a send of a buffer; it completes once the message is handed off. */
    Request<Void> Isend(Object buf, int dest, int tag);

    /** Sends a buffer; returns once the message is handed off. */
    default void Send(Object buf, int dest, int tag) {
        Isend(buf, dest, tag).waitFor();
    }

    default void Send(Object buf, int dest) {
        Send(buf, dest, 0);
    }

    /** Starts a synchronous send of a buffer; it completes once the matching receive has started. */
    Request<Void> Issend(Object buf, int dest, int tag);

    /** Sends a buffer and waits until the matching receive has started. */
    default void Ssend(Object buf, int dest, int tag) {
        Issend(buf, dest, tag).waitFor();
    }

    default void Ssend(Object buf, int dest) {
        Ssend(buf, dest, 0);
    }

    /**
     * Starts a receive into a buffer; the message may be shorter than the buffer ({@link Status#count()}
     * says how many elements arrived), a longer one fails with ERR_TRUNCATE.
     */
    Request<Status> Irecv(Object buf, int source, int tag);

    /** Receives into a buffer; returns the status of the message. */
    default Status Recv(Object buf, int source, int tag) {
        return Irecv(buf, source, tag).waitFor();
    }

    default Status Recv(Object buf, int source) {
        return Recv(buf, source, MPI.ANY_TAG);
    }

    default Status Recv(Object buf) {
        return Recv(buf, MPI.ANY_SOURCE, MPI.ANY_TAG);
    }

    /** Sends one buffer and receives into another, without deadlock. */
    default Status Sendrecv(Object sendbuf, int dest, int sendtag, Object recvbuf, int source, int recvtag) {
        return Isendrecv(sendbuf, dest, sendtag, recvbuf, source, recvtag).waitFor();
    }

    /** Starts a send of sendbuf and a receive into recvbuf together; completes with the receive's status once both are done. */
    Request<Status> Isendrecv(Object sendbuf, int dest, int sendtag, Object recvbuf, int source, int recvtag);

    /** Sends a buffer and receives into the same buffer. */
    default Status Sendrecv_replace(Object buf, int dest, int sendtag, int source, int recvtag) {
        // sent from a copy, as the receive overwrites buf; the runtime knows how each element type copies
        Object copy = Runtimes.provider().elements().copyOf(buf);
        return Sendrecv(copy, dest, sendtag, buf, source, recvtag);
    }

    // ---- Send modes ------------------------------------------------------------------------------

    /**
     * Starts a ready send: MPI lets it start only once the matching receive is posted. jmpi sends it as
     * a standard send, which is a correct ready send whether or not the receive is there yet.
     */
    default Request<Void> Irsend(Object buf, int dest, int tag) {
        return Isend(buf, dest, tag);
    }

    /** A ready send of a buffer (see {@link #Irsend}). */
    default void Rsend(Object buf, int dest, int tag) {
        Irsend(buf, dest, tag).waitFor();
    }

    /**
     * Starts a buffered send: the message is copied into the attached buffer (this communicator's, see
     * {@link #Attach_buffer}, else the process's, see {@link MPI#Attach_buffer}) and the request is
     * complete at once. ERR_BUFFER when no buffer is attached or the message does not fit in its free space.
     */
    Request<Void> Ibsend(Object buf, int dest, int tag);

    /** A buffered send of a buffer (see {@link #Ibsend}); returns once the message is copied. */
    default void Bsend(Object buf, int dest, int tag) {
        Ibsend(buf, dest, tag).waitFor();
    }

    /** A buffered send of an object, serialized into the attached buffer (see {@link #Ibsend}). */
    Request<Void> ibsend(Object obj, int dest, int tag);

    default void bsend(Object obj, int dest, int tag) {
        ibsend(obj, dest, tag).waitFor();
    }

    /**
     * Attaches a buffer of bytes for this communicator's buffered sends (MPI 4.1's communicator buffer),
     * used before the process's; ERR_BUFFER if one is attached already.
     */
    void Attach_buffer(int bytes);

    /** Detaches this communicator's buffer once every message in it has gone; returns its size. */
    int Detach_buffer();

    // ---- Matched probes --------------------------------------------------------------------------

    /**
     * Waits for a matching message and takes it from the queue: no other receive can take it, only the
     * returned {@link Message}'s own. For {@link MPI#PROC_NULL}, {@link MPI#MESSAGE_NO_PROC}.
     */
    Message mprobe(int source, int tag);

    default Message mprobe(int source) {
        return mprobe(source, MPI.ANY_TAG);
    }

    default Message mprobe() {
        return mprobe(MPI.ANY_SOURCE, MPI.ANY_TAG);
    }

    /** Takes a matching message if one can be received now (see {@link #mprobe}). */
    Optional<Message> improbe(int source, int tag);

    default Optional<Message> improbe(int source) {
        return improbe(source, MPI.ANY_TAG);
    }

    default Optional<Message> improbe() {
        return improbe(MPI.ANY_SOURCE, MPI.ANY_TAG);
    }

    /** mpi4py's name for the buffer side: the same as {@link #mprobe}, whose message may be received either way. */
    default Message Mprobe(int source, int tag) {
        return mprobe(source, tag);
    }

    default Message Mprobe(int source) {
        return mprobe(source, MPI.ANY_TAG);
    }

    default Message Mprobe() {
        return mprobe(MPI.ANY_SOURCE, MPI.ANY_TAG);
    }

    /** The same as {@link #improbe}. */
    default Optional<Message> Improbe(int source, int tag) {
        return improbe(source, tag);
    }

    default Optional<Message> Improbe() {
        return improbe(MPI.ANY_SOURCE, MPI.ANY_TAG);
    }
}
