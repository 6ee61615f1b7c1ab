package jmpi.runtime.wire;

import io.netty.buffer.ByteBuf;

/** A rank revokes a communicator: from now on only Agree, Shrink and Free work on it, on every member. */
public record RevokeCall(int reqId, int comm) implements Call {

    @Override
    public Kind kind() {
        return Kind.REVOKE;
    }

    @Override
    public FrameType type() {
        return FrameType.REVOKE_CALL;
    }

    @Override
    public ByteBuf[] parts() {
        return Parts.NONE;
    }

    @Override
    public String describe() {
        return "revoke";
    }
}
