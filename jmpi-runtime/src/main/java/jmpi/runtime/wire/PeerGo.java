package jmpi.runtime.wire;

/**
 * A receiver's answer to a {@link PeerOffer} its receive has matched: send the bytes, or drop them
 * (the receive failed, for a buffer of the wrong type or too small; MPI's message is consumed all the same).
 *
 * @param offerId the sender's number for the message
 * @param send whether the bytes are wanted
 */
public record PeerGo(int offerId, boolean send) implements Frame {

    @Override
    public FrameType type() {
        return FrameType.PEER_GO;
    }
}
