package jmpi.runtime.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ScatteringByteChannel;
import jmpi.runtime.wire.MalformedFrameException;

/**
 * Cuts a byte stream into frames: a 4-byte length, then the body. What a blocking socket's reader
 * needs where a Netty pipeline would use its length-field decoder. Only the thread that reads the
 * stream touches it.
 *
 * <p>A frame of more than {@link #COPY_AT_MOST} bytes is handed out as a slice of what was read, and
 * the buffer it lies in is never written again: the threads that take the frame may write into it
 * (a fold does), and a Netty buffer's slices share its NIO view with it, so a read into the same
 * buffer would race with them. Smaller frames, and large ones that follow a held frame in the same
 * buffer, are copied out, so that one buffer serves many reads and no two holders share one. A large buffer is let go
 * once everything in it has been taken.
 */
final class FrameReader {
    /** Bytes read at a time when no larger frame is expected. */
    private static final int READ_CHUNK = 64 << 10;
    /** A read buffer larger than this is let go once everything in it has been taken. */
    private static final int KEEP_READ_BUFFER = 4 * READ_CHUNK;
    /**
     * As above, for a peer's link: large messages come in chunks of 1 MiB, and a fresh direct buffer for
     * each would cost its pages' faults every time.
     */
    static final int KEEP_PEER_BUFFER = (2 << 20) + READ_CHUNK;

    /** The largest frame body copied out of the read buffer rather than handed out as a slice of it. */
    static final int COPY_AT_MOST = 16 << 10;

    /** Bytes one read of a channel asks for at most: the JDK stages a heap buffer's read in a direct one this large. */
    private static final int CHANNEL_READ = 1 << 20;

    private int maxFrame;
    /** Who sends the frames, as an error names them. */
    private final String from;
    private final ByteBufAllocator alloc;
    private final int keep;
    private ByteBuf inbound = Unpooled.EMPTY_BUFFER;

    /** maxFrame: the largest frame, its length prefix included. */
    FrameReader(int maxFrame) {
        this(maxFrame, "the coordinator", HeapAllocator.HEAP, KEEP_READ_BUFFER);
    }

    /**
     * A reader of a channel: its buffers come from alloc, direct ones where the socket should read
     * into them without the JDK staging each read in a buffer of its own.
     */
    FrameReader(int maxFrame, String from, ByteBufAllocator alloc, int keep) {
        this.maxFrame = maxFrame;
        this.from = from;
        this.alloc = alloc;
        this.keep = keep;
    }

    /** The largest frame a connection of the job reads: the message limit and a header, in one int-sized buffer. */
    static int largest(jmpi.Config config) {
        return Math.min(Netty.maxFrame(config.serialSize()), Integer.MAX_VALUE - 16);
    }

    /** From now on frames may be as large as maxFrame (a connection that has shown the job token). */
    void limit(int maxFrame) {
        this.maxFrame = maxFrame;
    }

    /**
     * Reads what the stream gives, at most limit bytes (all the room there is if limit is negative),
     * after making room for the rest of the next frame; returns the count, or -1 at the end.
     */
    int readFrom(InputStream in, int limit) throws IOException {
        makeRoom(missing());
        return inbound.writeBytes(in, limit < 0 ? inbound.writableBytes() : Math.min(limit, inbound.writableBytes()));
    }

    /** As above, from a channel in non-blocking mode: 0 when nothing has arrived. */
    int readFrom(ScatteringByteChannel in) throws IOException {
        makeRoom(missing());
        return inbound.writeBytes(in, Math.min(CHANNEL_READ, inbound.writableBytes()));
    }

    /** The body of the next frame if it has arrived whole, as a buffer the caller releases; else null. */
    ByteBuf next() {
        if (inbound.readableBytes() < 4) {
            return null;
        }
        int len = frameLength();
        if (inbound.readableBytes() < 4 + len) {
            return null;
        }
        inbound.skipBytes(4);
        // a large frame is a slice only while nothing else taken from this buffer is held: two holders
        // must not share one buffer's NIO view
        if (len > COPY_AT_MOST && inbound.refCnt() == 1) {
            return inbound.readRetainedSlice(len);
        }
        ByteBuf copy = alloc.buffer(len, len);
        copy.writeBytes(inbound, inbound.readerIndex(), len);
        inbound.skipBytes(len);
        return copy;
    }

    /** Drops what was read and not yet taken: the stream goes on elsewhere. */
    void skipUnread() {
        inbound.skipBytes(inbound.readableBytes());
    }

    /** Gives back what was read and not taken. */
    void release() {
        inbound.release();
        inbound = Unpooled.EMPTY_BUFFER;
    }

    /** How many bytes from the first unread one make the next frame whole (its length prefix first). */
    private int missing() {
        if (inbound.readableBytes() < 4) {
            return 4;
        }
        return 4 + frameLength();
    }

    private int frameLength() {
        int len = inbound.getInt(inbound.readerIndex());
        // as Netty's length decoder counts it, the prefix included
        if (len < 1 || len > maxFrame - 4) {
            throw new MalformedFrameException("a frame of " + Integer.toUnsignedString(len) + " bytes from " + from + " (at most "
                    + (maxFrame - 4) + ")");
        }
        return len;
    }

    /**
     * Makes room to read, for at least need bytes from the first unread one: in the buffer read last if
     * no frame taken from it is still held (a slice holds a reference), else in a new one.
     */
    private void makeRoom(int need) {
        ByteBuf b = inbound;
        boolean own = b.refCnt() == 1;
        if (own && b.readableBytes() == 0) {
            if (b.capacity() > keep) {
                // one large frame must not keep its buffer for the rest of the session
                b.release();
                b = Unpooled.EMPTY_BUFFER;
                inbound = b;
            } else {
                b.clear();
            }
        }
        if (own && b.writableBytes() > 0 && b.capacity() - b.readerIndex() >= need) {
            return;
        }
        if (own && b.capacity() >= need && b.readerIndex() > 0) {
            b.discardReadBytes();
            return;
        }
        ByteBuf next = alloc.ioBuffer(Math.max(need, READ_CHUNK));
        next.writeBytes(b, b.readerIndex(), b.readableBytes());
        b.release();
        inbound = next;
    }
}
