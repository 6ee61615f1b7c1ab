package jmpi.runtime.link;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;

/**
 * Writes a frame's buffers to a socket (or a pipe) in non-blocking mode, in one gathering write where they are
 * small. A heap buffer is given to the socket at most {@link #SLICE} bytes at a time: the JDK copies
 * it into a direct buffer of that size first, and keeps that buffer for the thread.
 */
final class Gather {
    static final int SLICE = 1 << 20;
    /** Buffers one gathering write takes at most. */
    private static final int MAX_BUFFERS = 16;

    private Gather() {
    }

    /**
     * Writes from bufs, moving their reader indexes, until all is written (true) or the socket takes
     * no more now (false).
     */
    static boolean write(GatheringByteChannel ch, ByteBuf[] bufs) throws IOException {
        int first = 0;
        while (true) {
            while (first < bufs.length && !bufs[first].isReadable()) {
                first++;
            }
            if (first == bufs.length) {
                return true;
            }
            ByteBuffer[] nio = new ByteBuffer[Math.min(MAX_BUFFERS, bufs.length - first)];
            int count = 0;
            long total = 0;
            for (int i = first; i < bufs.length && count < nio.length && total < SLICE; i++) {
                ByteBuf b = bufs[i];
                int len = b.readableBytes();
                if (len == 0) {
                    continue;
                }
                // a heap or composite buffer is staged (copied) whole: it goes a slice at a time
                int take = b.isDirect() && b.nioBufferCount() == 1 ? len : (int) Math.min(len, SLICE - total);
                nio[count++] = b.nioBuffer(b.readerIndex(), take);
                total += take;
            }
            long n = ch.write(nio, 0, count);
            if (n <= 0) {
                return false;
            }
            for (int i = first; i < bufs.length && n > 0; i++) {
                int step = (int) Math.min(n, bufs[i].readableBytes());
                bufs[i].skipBytes(step);
                n -= step;
            }
        }
    }
}
