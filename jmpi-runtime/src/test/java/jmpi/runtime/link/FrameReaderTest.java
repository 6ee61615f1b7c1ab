package jmpi.runtime.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jmpi.runtime.wire.MalformedFrameException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The frames a reader cuts from a stream come whole, in any pieces; a large frame that someone holds
 * lies in a buffer the reader never writes again (the holder may write into it from another thread);
 * small frames are copies, so that one read buffer serves a whole stream of them.
 */
class FrameReaderTest {
    /** Read buffers from here are counted; frames copied out come from buffer(), which is not. */
    private static final class CountingAllocator extends AbstractByteBufAllocator {
        final List<ByteBuf> readBuffers = new ArrayList<>();

        CountingAllocator() {
            super(false);
        }

        @Override
        public ByteBuf ioBuffer(int initialCapacity) {
            ByteBuf b = new UnpooledHeapByteBuf(this, initialCapacity, Integer.MAX_VALUE);
            readBuffers.add(b);
            return b;
        }

        @Override
        public ByteBuf buffer(int initialCapacity, int maxCapacity) {
            return new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
        }

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            return new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            return newHeapBuffer(initialCapacity, maxCapacity);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }
    }

    private final CountingAllocator alloc = new CountingAllocator();
    private final FrameReader reader = new FrameReader(1 << 20, "a test", alloc, FrameReader.KEEP_PEER_BUFFER);
    private final List<ByteBuf> held = new ArrayList<>();

    @AfterEach
    void release() {
        held.forEach(ByteBuf::release);
        reader.release();
    }

    /** Frames of these body sizes, each body filled with its own number, as one stream. */
    private static byte[] stream(int... sizes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < sizes.length; i++) {
            int n = sizes[i];
            out.write(n >>> 24);
            out.write(n >>> 16);
            out.write(n >>> 8);
            out.write(n);
            for (int k = 0; k < n; k++) {
                out.write(i * 31 + k);
            }
        }
        return out.toByteArray();
    }

    private static byte[] body(int index, int size) {
        byte[] b = new byte[size];
        for (int k = 0; k < size; k++) {
            b[k] = (byte) (index * 31 + k);
        }
        return b;
    }

    /** Reads the stream piece bytes at a time, taking every whole frame as it comes and holding it. */
    private void readAll(byte[] stream, int piece, Runnable afterEachFrame) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(stream);
        while (reader.readFrom(in, piece) >= 0) {
            ByteBuf f;
            while ((f = reader.next()) != null) {
                held.add(f);
                afterEachFrame.run();
            }
        }
    }

    @Test
    void framesComeWholeInAnyPieces() throws IOException {
        int[] sizes = {1, 100, FrameReader.COPY_AT_MOST, FrameReader.COPY_AT_MOST + 1, 3, 200_000, 7};
        for (int piece : new int[] {1, 5, 4096, 1 << 20}) {
            held.forEach(ByteBuf::release);
            held.clear();
            readAll(stream(sizes), piece, () -> { });
            assertEquals(sizes.length, held.size(), "frames read " + piece + " bytes at a time");
            for (int i = 0; i < sizes.length; i++) {
                assertArrayEquals(body(i, sizes[i]), ByteBufUtil.getBytes(held.get(i)), "frame " + i);
            }
        }
    }

    @Test
    void aHeldLargeFrameLiesInABufferNeverWrittenAgain() throws IOException {
        int large = FrameReader.COPY_AT_MOST + 1000;
        List<ByteBuf> buffers = new ArrayList<>();
        List<byte[]> whenTaken = new ArrayList<>();
        readAll(stream(large, 10, large, large, 20, large), 3000, () -> {
            ByteBuf f = held.get(held.size() - 1);
            if (f.readableBytes() > FrameReader.COPY_AT_MOST) {
                ByteBuf buffer = f.unwrap();
                buffers.add(buffer);
                whenTaken.add(ByteBufUtil.getBytes(buffer, 0, buffer.capacity()));
            }
        });
        assertEquals(4, buffers.size());
        for (int i = 0; i < buffers.size(); i++) {
            ByteBuf buffer = buffers.get(i);
            assertArrayEquals(whenTaken.get(i), ByteBufUtil.getBytes(buffer, 0, buffer.capacity()),
                    "the buffer of large frame " + i + " was written after the frame was taken");
            for (int j = 0; j < i; j++) {
                assertNotSame(buffers.get(j), buffer, "large frames " + j + " and " + i + " share a buffer");
            }
        }
    }

    /** The buffer whose memory a frame lies in: what it slices, or itself. */
    private static ByteBuf memoryOf(ByteBuf frame) {
        return frame.unwrap() != null ? frame.unwrap() : frame;
    }

    @Test
    void largeFramesReadTogetherAndHeldTogetherLieInBuffersOfTheirOwn() throws IOException {
        int large = FrameReader.COPY_AT_MOST + 1;
        readAll(stream(large, large, large), 1 << 20, () -> { });
        assertEquals(3, held.size());
        for (int i = 0; i < held.size(); i++) {
            assertArrayEquals(body(i, large), ByteBufUtil.getBytes(held.get(i)), "frame " + i);
            for (int j = 0; j < i; j++) {
                assertNotSame(memoryOf(held.get(j)), memoryOf(held.get(i)), "frames " + j + " and " + i + " share a buffer");
            }
        }
    }

    @Test
    void aLargeFrameReleasedAtOnceLeavesItsBufferToTheNext() throws IOException {
        int large = FrameReader.COPY_AT_MOST + 1;
        ByteArrayInputStream in = new ByteArrayInputStream(stream(large, large, large));
        while (reader.readFrom(in, -1) >= 0) {
            ByteBuf f;
            while ((f = reader.next()) != null) {
                f.release();
            }
        }
        assertEquals(1, alloc.readBuffers.size(), "read buffers for large frames each let go before the next");
    }

    @Test
    void heldSmallFramesAreCopiesAndOneBufferServesThemAll() throws IOException {
        int[] sizes = new int[2000];
        Arrays.fill(sizes, 40);
        readAll(stream(sizes), 100, () -> { });
        assertEquals(sizes.length, held.size());
        for (ByteBuf f : held) {
            assertNull(f.unwrap(), "a small frame is a buffer of its own");
        }
        assertEquals(1, alloc.readBuffers.size(), "read buffers for a stream of small frames");
    }

    @Test
    void aFrameLargerThanTheLimitIsMalformed() {
        byte[] s = stream(100);
        FrameReader small = new FrameReader(64, "a test", alloc, FrameReader.KEEP_PEER_BUFFER);
        try {
            MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> {
                small.readFrom(new ByteArrayInputStream(s), -1);
                small.next();
            });
            assertEquals("a frame of 100 bytes from a test (at most 60)", e.getMessage());
        } finally {
            small.release();
        }
    }
}
