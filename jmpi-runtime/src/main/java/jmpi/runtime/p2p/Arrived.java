package jmpi.runtime.p2p;

import io.netty.buffer.ByteBuf;
import jmpi.runtime.elem.ElementType;
import jmpi.runtime.wire.Parts;

/**
 * A message that reached this rank: its envelope and parts, and who sent it.
 *
 * @param source the sender's rank in the communicator
 * @param tag the message's tag; a collective's sequence number
 * @param flags the message's {@link jmpi.runtime.wire.PeerMessage} flags
 * @param parts the bytes, owned by this message until a receive takes them: one part for
 *              point-to-point (none for an empty message or an offer), any number for a collective
 * @param fromWorld the sender's world rank
 * @param syncId the sender's ssend number, to acknowledge the match (0 for a standard send); for a
 *               collective, the word that says which collective the sender runs; for an offer, the
 *               sender's number for it
 * @param offered for an offer (a large message whose bytes follow once asked for), how many bytes it
 *                holds; -1 for a message that came whole
 */
record Arrived(int source, int tag, int flags, int elemType, ByteBuf[] parts, int fromWorld, int syncId,
        long offered) {

    /** A message that came whole. */
    Arrived(int source, int tag, int flags, int elemType, ByteBuf[] parts, int fromWorld, int syncId) {
        this(source, tag, flags, elemType, parts, fromWorld, syncId, -1);
    }

    /** Whether the bytes wait at the sender for a receive to ask for them. */
    boolean isOffer() {
        return offered >= 0;
    }

    /** The one part of a point-to-point message, or null for none. */
    ByteBuf payload() {
        return parts.length == 0 ? null : parts[0];
    }

    /** Elements for buffers, bytes for objects. */
    long count() {
        long bytes;
        if (isOffer()) {
            bytes = offered;
        } else {
            ByteBuf payload = payload();
            bytes = payload == null ? 0 : payload.readableBytes();
        }
        return elemType == 0 ? bytes : bytes / ElementType.ofCode(elemType).size();
    }

    void release() {
        Parts.release(parts);
    }
}
