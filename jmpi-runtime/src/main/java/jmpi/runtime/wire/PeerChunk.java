package jmpi.runtime.wire;

import io.netty.buffer.ByteBuf;

/**
 * The next bytes of an offered message, in order on the sender's link; the receiver knows from
 * the offer how many make the whole.
 *
 * @param offerId the sender's number for the message
 * @param parts one part: the bytes
 */
public record PeerChunk(int offerId, ByteBuf[] parts) implements Frame, Carrier {

    public static PeerChunk of(int offerId, ByteBuf bytes) {
        return new PeerChunk(offerId, new ByteBuf[] {bytes});
    }

    @Override
    public FrameType type() {
        return FrameType.PEER_CHUNK;
    }

    /** The bytes. */
    public ByteBuf bytes() {
        return parts[0];
    }
}
