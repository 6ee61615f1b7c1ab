package jmpi.runtime.wire;

import io.netty.buffer.ByteBuf;

/**
 * A member's part in {@code Split} (and {@code Dup}): ranks of one colour form a new communicator,
 * ordered by key, then by their rank in the old one.
 *
 * @param color the colour, or {@code MPI.UNDEFINED} to be in none
 * @param key the order within the colour
 */
public record SplitCall(int reqId, int comm, long seq, int color, int key) implements MatchedCall {

    @Override
    public Kind kind() {
        return Kind.SPLIT;
    }

    @Override
    public FrameType type() {
        return FrameType.SPLIT_CALL;
    }

    @Override
    public ByteBuf[] parts() {
        return Parts.NONE;
    }

    @Override
    public boolean agreesWith(MatchedCall other) {
        return other instanceof SplitCall;
    }

    @Override
    public String signature() {
        return "split";
    }
}
