package jmpi.runtime.wire;

import io.netty.buffer.ByteBuf;

/**
 * A rank asks the coordinator to take part in an operation.
 *
 * @param reqId the rank's id for the reply
 * @param kind one of {@link Kind}
 * @param comm the communicator id
 * @param seq the operation's number among the collectives of this communicator (or group)
 * @param root root rank (collectives), colour (split)
 * @param op reduce operation ordinal
 * @param tag message tag (point-to-point), key (split)
 * @param peer destination or source rank (point-to-point)
 * @param flags {@link #SYNC}, ...
 * @param src source ranks of a custom operation's group
 * @param dst destination ranks of a custom operation's group
 * @param parts payloads: serialized objects or raw buffer elements; the call owns one reference to each
 */
public record Call(int reqId, byte kind, int comm, long seq, int root, int op, int tag, int peer, int flags,
                   int[] src, int[] dst, ByteBuf[] parts) implements Frame, Carrier {
    public static final byte TYPE = 4;
    /** A synchronous send: the sender wants to know when the receive has matched. */
    public static final int SYNC = 1;
    /** The sender does not wait for a reply (a standard send). */
    public static final int NO_REPLY = 2;
    /** The parts are raw buffer elements, of the type in bits 8-15 ({@link jmpi.runtime.elem.ElementType#code()}). */
    public static final int BUFFER = 4;

    /** The flags of a buffer call with elements of the given type. */
    public static int bufferFlags(int dtype) {
        return BUFFER | (dtype << 8);
    }

    /** The element type of a buffer call, or 0 for objects. */
    public int dtype() {
        return (flags & BUFFER) != 0 ? (flags >> 8) & 0xff : 0;
    }

    public static final int[] NO_RANKS = new int[0];
    public static final ByteBuf[] NO_PARTS = Parts.NONE;

    @Override
    public byte type() {
        return TYPE;
    }

    @Override
    public Call retain() {
        Carrier.super.retain();
        return this;
    }
}
