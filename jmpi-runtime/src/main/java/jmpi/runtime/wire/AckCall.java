package jmpi.runtime.wire;

import io.netty.buffer.ByteBuf;

/**
 * A rank acknowledges failed members of a communicator: its receives from ANY_SOURCE there no longer
 * fail for them (on the coordinator's path, where the coordinator matches them).
 *
 * @param failed the world ranks acknowledged, all that this rank has acknowledged there so far
 */
public record AckCall(int reqId, int comm, int[] failed) implements Call {

    @Override
    public Kind kind() {
        return Kind.ACK_FAILED;
    }

    @Override
    public FrameType type() {
        return FrameType.ACK_CALL;
    }

    @Override
    public ByteBuf[] parts() {
        return Parts.NONE;
    }

    @Override
    public String describe() {
        return "ack_failed";
    }
}
