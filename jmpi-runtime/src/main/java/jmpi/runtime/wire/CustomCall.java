package jmpi.runtime.wire;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * A member's part in a custom operation ({@code Comm.submit}).
 *
 * @param src the group's source ranks, in communicator ranks
 * @param dst the group's destination ranks
 * @param parts the serialized context, then this rank's data if it is a source
 */
public record CustomCall(int reqId, int comm, long seq, int[] src, int[] dst, ByteBuf[] parts) implements MatchedCall {

    @Override
    public Kind kind() {
        return Kind.CUSTOM;
    }

    @Override
    public FrameType type() {
        return FrameType.CUSTOM_CALL;
    }

    @Override
    public String group() {
        return Arrays.toString(src) + "->" + Arrays.toString(dst);
    }

    @Override
    public boolean agreesWith(MatchedCall other) {
        return other instanceof CustomCall;
    }

    @Override
    public String signature() {
        return "custom" + group();
    }
}
