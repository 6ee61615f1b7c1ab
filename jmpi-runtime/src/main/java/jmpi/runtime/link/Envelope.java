package jmpi.runtime.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

/**
 * What one message of a relayed stream carries (see docs/protocol.md; MQTT's messages on a connection's
 * topic). The frames of one direction form a byte stream, exactly as on TCP; DATA messages carry
 * consecutive pieces of it, numbered so that a message the carrier dropped is noticed instead of
 * corrupting the stream.
 *
 * <pre>
 * DATA  1, int seq, byte flags (1: answer with an ACK), stream bytes
 * ACK   2, int seq     every DATA up to seq has been taken in
 * END   3              the stream ends (also an MQTT rank's last will)
 * </pre>
 */
public final class Envelope {
    static final byte DATA = 1;
    static final byte ACK = 2;
    static final byte END = 3;

    static final int FLAG_ACK_REQUESTED = 1;
    static final int DATA_HEADER = 6;

    static final byte[] END_BYTES = {END};

    /** The largest message a relayed stream sends: a chunk and its header, for a carrier's packet limit. */
    public static final int MAX_MESSAGE = Outbox.CHUNK + DATA_HEADER;

    private Envelope() {
    }

    /** END, for a carrier that publishes it on behalf of a process that dies (an MQTT last will). */
    public static byte[] endMessage() {
        return END_BYTES.clone();
    }

    /** Whether m begins a stream: a carrier that fans in opens a channel for it, and for no other message. */
    public static boolean opensStream(ByteBuf m) {
        return valid(m) && kind(m) == DATA && seq(m) == 0;
    }

    static ByteBuf data(ByteBufAllocator alloc, int seq, boolean ackRequested, ByteBuf bytes) {
        ByteBuf header = alloc.buffer(DATA_HEADER);
        header.writeByte(DATA).writeInt(seq).writeByte(ackRequested ? FLAG_ACK_REQUESTED : 0);
        return alloc.compositeBuffer(2).addComponents(true, header, bytes);
    }

    static ByteBuf ack(ByteBufAllocator alloc, int seq) {
        return alloc.buffer(5).writeByte(ACK).writeInt(seq);
    }

    static ByteBuf end() {
        return Unpooled.wrappedBuffer(END_BYTES);
    }

    /** The kind of message, or 0 for an empty one. */
    static byte kind(ByteBuf m) {
        return m.isReadable() ? m.getByte(m.readerIndex()) : 0;
    }

    static int seq(ByteBuf m) {
        return m.getInt(m.readerIndex() + 1);
    }

    static boolean ackRequested(ByteBuf m) {
        return (m.getByte(m.readerIndex() + 5) & FLAG_ACK_REQUESTED) != 0;
    }

    /** The stream bytes of a DATA message, as a slice that the caller must release. */
    static ByteBuf bytes(ByteBuf m) {
        return m.retainedSlice(m.readerIndex() + DATA_HEADER, m.readableBytes() - DATA_HEADER);
    }

    /** Whether m is well formed for its kind. */
    static boolean valid(ByteBuf m) {
        return switch (kind(m)) {
            case DATA -> m.readableBytes() >= DATA_HEADER;
            case ACK -> m.readableBytes() == 5;
            case END -> m.readableBytes() == 1;
            default -> false;
        };
    }
}
