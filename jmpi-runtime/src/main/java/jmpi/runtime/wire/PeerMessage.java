package jmpi.runtime.wire;

import io.netty.buffer.ByteBuf;

/**
 * A message from one rank straight to another, on the sender's own link to it.
 *
 * @param comm the communicator's id
 * @param source the sender's rank in the communicator
 * @param tag the message's tag; for a collective, its sequence number on the communicator
 * @param flags {@link #SYNC}: the sender waits for a {@link PeerAck} once a receive has matched;
 *              {@link #COLLECTIVE}: traffic of a collective, which no point-to-point receive ever sees;
 *              {@link #ERROR}: a collective failed at the sender, and the one part is the failure
 *              ({@link ErrorInfo#toPart}) in place of the data the receiver waits for
 * @param syncId the sender's number for its ssend, echoed in the ack; 0 unless SYNC. A collective
 *               is never SYNC, and its messages carry here instead the word that says which
 *               collective the sender runs (kind, op, root), so that ranks that called different
 *               collectives at one step find out
 * @param elemType the element type's wire code of a buffer message; 0 for a serialized object
 * @param parts the message: one part for point-to-point, any number for a collective
 */
public record PeerMessage(int comm, int source, int tag, int flags, int syncId, int elemType, ByteBuf[] parts)
        implements Frame, Carrier {
    public static final int SYNC = 1;
    public static final int COLLECTIVE = 2;
    public static final int ERROR = 4;

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

    public boolean error() {
        return (flags & ERROR) != 0;
    }

    /** The message, or null if it has none. */
    public ByteBuf payload() {
        return parts.length == 0 ? null : parts[0];
    }
}
