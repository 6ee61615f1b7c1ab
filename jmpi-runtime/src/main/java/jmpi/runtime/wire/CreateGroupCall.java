package jmpi.runtime.wire;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * A member's part in {@code Create_group}: only the group's members call it, so it is matched among
 * them, by group and tag, and numbered apart from the communicator's collectives.
 *
 * @param tag the user's tag, which tells apart creations over the same group
 * @param ranks the group's members, as ranks of the communicator, in the new communicator's order
 */
public record CreateGroupCall(int reqId, int comm, long seq, int tag, int[] ranks) implements MatchedCall {

    @Override
    public Kind kind() {
        return Kind.CREATE_GROUP;
    }

    @Override
    public FrameType type() {
        return FrameType.CREATE_GROUP_CALL;
    }

    @Override
    public ByteBuf[] parts() {
        return Parts.NONE;
    }

    @Override
    public String group() {
        return groupOf(tag, ranks);
    }

    /** The text that names a creation's group, on the wire and in the client's numbering alike. */
    public static String groupOf(int tag, int[] ranks) {
        return "tag " + tag + " " + Arrays.toString(ranks);
    }

    @Override
    public boolean agreesWith(MatchedCall other) {
        return other instanceof CreateGroupCall;
    }

    @Override
    public String signature() {
        return "create_group(" + group() + ")";
    }
}
