package jmpi.runtime.wire;

/**
 * A receiver tells the sender of a synchronous message that a receive has matched it.
 *
 * @param syncId the number the sender gave its ssend
 */
public record PeerAck(int syncId) implements Frame {

    @Override
    public FrameType type() {
        return FrameType.PEER_ACK;
    }
}
