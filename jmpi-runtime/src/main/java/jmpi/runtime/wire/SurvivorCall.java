package jmpi.runtime.wire;

import io.netty.buffer.ByteBuf;

/**
 * A member's part in {@code Agree} or {@code Shrink}: operations of the ranks still alive, which a
 * member's failure does not fail. They are numbered apart from the other collectives, since a
 * failure can leave the members at different counts of those.
 *
 * @param kind {@link Kind#AGREE} or {@link Kind#SHRINK}
 * @param flag the member's flag for Agree, 0 for Shrink
 */
public record SurvivorCall(int reqId, Kind kind, int comm, long seq, int flag) implements MatchedCall {
    /** The group name their numbers run in. */
    public static final String GROUP = "survivors";

    public SurvivorCall {
        if (kind.category() != Kind.Category.SURVIVORS) {
            throw new IllegalArgumentException(kind + " is not an operation of the survivors");
        }
    }

    @Override
    public FrameType type() {
        return FrameType.SURVIVOR_CALL;
    }

    @Override
    public String group() {
        return GROUP;
    }

    @Override
    public ByteBuf[] parts() {
        return Parts.NONE;
    }

    @Override
    public boolean agreesWith(MatchedCall other) {
        return other instanceof SurvivorCall s && s.kind == kind;
    }

    @Override
    public String signature() {
        return kind.label();
    }
}
