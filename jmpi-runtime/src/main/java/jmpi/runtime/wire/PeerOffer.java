package jmpi.runtime.wire;

/**
 * A sender's ready-to-send for a message too large to go at once: the envelope alone. The receive
 * it matches answers with a {@link PeerGo}; only then do the bytes follow, as {@link PeerChunk}s,
 * so no rank ever holds a large message that nobody has asked for.
 *
 * @param comm the communicator's id
 * @param source the sender's rank in the communicator
 * @param tag the message's tag
 * @param flags the {@link PeerMessage} flags ({@link PeerMessage#SYNC} for an ssend, which the
 *              go-ahead itself completes)
 * @param offerId the sender's number for this message, echoed by the go-ahead and the chunks
 * @param elemType the element type's wire code of a buffer message; 0 for a serialized object
 * @param bytes how many bytes the chunks will carry
 */
public record PeerOffer(int comm, int source, int tag, int flags, int offerId, int elemType, long bytes)
        implements Frame {

    @Override
    public FrameType type() {
        return FrameType.PEER_OFFER;
    }
}
