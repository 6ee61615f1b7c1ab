package jmpi.runtime.wire;

import io.netty.buffer.ByteBuf;

/**
 * A message for another rank.
 *
 * @param dest the receiver's rank in the communicator
 * @param sync whether the sender waits for a reply once a receive has matched ({@code ssend});
 *             a standard send gets no reply
 * @param elemType the element type's wire code of a buffer message; 0 for a serialized object
 * @param parts the message, one part
 */
public record SendCall(int reqId, int comm, int dest, int tag, boolean sync, int elemType, ByteBuf[] parts)
        implements Call {

    /** A message with one payload. */
    public static SendCall of(int reqId, int comm, int dest, int tag, boolean sync, int elemType, ByteBuf payload) {
        return new SendCall(reqId, comm, dest, tag, sync, elemType, new ByteBuf[] {payload});
    }

    @Override
    public Kind kind() {
        return Kind.SEND;
    }

    @Override
    public FrameType type() {
        return FrameType.SEND_CALL;
    }

    /** The message, or null if it has none. */
    public ByteBuf payload() {
        return parts.length == 0 ? null : parts[0];
    }

    @Override
    public String describe() {
        return (sync ? "ssend" : "send") + "(dest " + dest + ", tag " + tag + ")";
    }
}
