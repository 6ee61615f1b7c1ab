package jmpi.runtime.wire;

import io.netty.buffer.ByteBuf;

/**
 * A message from one rank straight to another, on the sender's own link to it.
 *
 * @param comm the communicator's id
 * @param source the sender's rank in the communicator
 * @param tag the message's tag
 * @param flags {@link #SYNC}: the sender waits for a {@link PeerAck} once a receive has matched;
 *              {@link #COLLECTIVE}: traffic of a collective, which no point-to-point receive ever sees
 * @param syncId the sender's number for its ssend, echoed in the ack; 0 unless SYNC
 * @param elemType the element type's wire code of a buffer message; 0 for a serialized object
 * @param parts the message, one part
 */
public record PeerMessage(int comm, int source, int tag, int flags, int syncId, int elemType, ByteBuf[] parts)
        implements Frame, Carrier {
    public static final int SYNC = 1;
    public static final int COLLECTIVE = 2;

    /** A message with one payload. */
    public static PeerMessage of(int comm, int source, int tag, int flags, int syncId, int elemType, ByteBuf payload) {
        return new PeerMessage(comm, source, tag, flags, syncId, elemType, new ByteBuf[] {payload});
    }

    @Override
    public FrameType type() {
        return FrameType.PEER_MESSAGE;
    }

    public boolean sync() {
        return (flags & SYNC) != 0;
    }

    public boolean collective() {
        return (flags & COLLECTIVE) != 0;
    }

    /** The message, or null if it has none. */
    public ByteBuf payload() {
        return parts.length == 0 ? null : parts[0];
    }
}
