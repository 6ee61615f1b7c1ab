package jmpi.runtime.wire;

import io.netty.buffer.ByteBuf;

/**
 * A member's part in {@code Split} (and {@code Dup}, {@code Create}, {@code Split_type}): ranks of one
 * colour form a new communicator, ordered by key, then by their rank in the old one.
 *
 * @param color the colour, {@code MPI.UNDEFINED} to be in none, or {@link #SAME_HOST}
 * @param key the order within the colour
 */
public record SplitCall(int reqId, int comm, long seq, int color, int key) implements MatchedCall {
    /** The colour of the caller's host, which the coordinator knows from admission ({@code Split_type}). */
    public static final int SAME_HOST = -2;

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
