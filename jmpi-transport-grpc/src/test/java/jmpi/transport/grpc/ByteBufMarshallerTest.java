package jmpi.transport.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.grpc.Detachable;
import io.grpc.Drainable;
import io.grpc.HasByteBuffer;
import io.grpc.KnownLength;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Messages out in one copy, in without a copy when large, and every buffer released exactly once. */
class ByteBufMarshallerTest {
    private final ByteBufMarshaller marshaller = new ByteBufMarshaller(UnpooledByteBufAllocator.DEFAULT, 1024);

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void outgoingDrainsInOneGoAndReleases() throws Exception {
        byte[] b = bytes(5000, 1);
        ByteBuf buf = Unpooled.wrappedBuffer(b);
        InputStream s = marshaller.stream(buf);
        assertInstanceOf(Drainable.class, s);
        assertEquals(5000, ((KnownLength) s).available());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(5000, ((Drainable) s).drainTo(out));
        assertArrayEquals(b, out.toByteArray());
        assertEquals(0, buf.refCnt());
        s.close();
        assertEquals(0, buf.refCnt());
    }

    @Test
    void outgoingClosedUnreadIsReleased() throws Exception {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes(10, 2));
        InputStream s = marshaller.stream(buf);
        assertEquals(10, s.read(new byte[3], 0, 3) + 7);
        s.close();
        assertEquals(0, buf.refCnt());
    }

    @Test
    void smallMessagesAreCopied() {
        byte[] b = bytes(100, 3);
        ByteBuf unknownLength = marshaller.parse(new ByteArrayInputStream(b));
        assertArrayEquals(b, ByteBufUtil.getBytes(unknownLength));
        unknownLength.release();
        Chunks chunks = new Chunks(List.of(Unpooled.directBuffer().writeBytes(b)));
        ByteBuf known = marshaller.parse(chunks);
        // a copy: gRPC's chunk went back to it as it was read
        assertEquals(1, chunks.released());
        assertArrayEquals(b, ByteBufUtil.getBytes(known));
        known.release();
    }

    @Test
    void largeMessagesAreTakenOverAndGivenBackOnRelease() {
        byte[] b = bytes(3000, 4);
        List<ByteBuf> parts = List.of(Unpooled.directBuffer().writeBytes(b, 0, 1000),
                Unpooled.directBuffer().writeBytes(b, 1000, 1500), Unpooled.directBuffer().writeBytes(b, 2500, 500));
        // gRPC hands over a stream whose first chunk is partly read already
        ByteBuf first = Unpooled.directBuffer().writeBytes(new byte[7]).writeBytes(b, 0, 1000);
        first.skipBytes(7);
        Chunks in = new Chunks(List.of(first, parts.get(1), parts.get(2)));
        ByteBuf got = marshaller.parse(in);
        in.close();
        assertArrayEquals(b, ByteBufUtil.getBytes(got));
        // no copy: the message still reads gRPC's memory, which stays held until the message is released
        parts.get(1).setByte(0, b[1000] + 1);
        assertEquals((byte) (b[1000] + 1), got.getByte(1000));
        assertEquals(1, parts.get(1).refCnt());
        got.release();
        assertEquals(0, first.refCnt());
        assertEquals(0, parts.get(1).refCnt());
        assertEquals(0, parts.get(2).refCnt());
        parts.get(0).release();
    }

    @Test
    void takenOverMessageCopiesWhatHasNoView() {
        byte[] b = bytes(4000, 5);
        Chunks in = new Chunks(List.of(Unpooled.directBuffer().writeBytes(b, 0, 2000),
                Unpooled.directBuffer().writeBytes(b, 2000, 2000)));
        in.viewsLeft = 1;
        ByteBuf got = marshaller.parse(in);
        assertArrayEquals(b, ByteBufUtil.getBytes(got));
        got.release();
        assertEquals(2, in.detached.released());
    }

    /**
     * A stand-in for gRPC's message stream: chunks read in turn; once marked, chunks read to the end
     * are kept rather than released; closing releases every chunk it holds.
     */
    private static final class Chunks extends InputStream implements KnownLength, HasByteBuffer, Detachable {
        private final Deque<ByteBuf> readable = new ArrayDeque<>();
        private final List<ByteBuf> kept = new ArrayList<>();
        private boolean marked;
        private int released;
        int viewsLeft = Integer.MAX_VALUE;
        Chunks detached;

        Chunks(List<ByteBuf> chunks) {
            readable.addAll(chunks);
        }

        int released() {
            return released;
        }

        @Override
        public int available() {
            return readable.stream().mapToInt(ByteBuf::readableBytes).sum();
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (available() == 0) {
                return -1;
            }
            ByteBuf head = readable.peek();
            int n = Math.min(len, head.readableBytes());
            head.readBytes(b, off, n);
            advance();
            return n;
        }

        @Override
        public long skip(long n) {
            long left = Math.min(n, available());
            long skipped = left;
            while (left > 0) {
                ByteBuf head = readable.peek();
                int k = (int) Math.min(left, head.readableBytes());
                head.skipBytes(k);
                left -= k;
                advance();
            }
            return skipped;
        }

        private void advance() {
            ByteBuf head = readable.peek();
            if (head != null && !head.isReadable()) {
                readable.remove();
                if (marked) {
                    kept.add(head);
                } else {
                    head.release();
                    released++;
                }
            }
        }

        @Override
        public boolean markSupported() {
            return true;
        }

        @Override
        public void mark(int limit) {
            marked = true;
        }

        @Override
        public boolean byteBufferSupported() {
            return true;
        }

        @Override
        public ByteBuffer getByteBuffer() {
            if (readable.isEmpty() || viewsLeft-- <= 0) {
                return null;
            }
            return readable.peek().nioBuffer();
        }

        @Override
        public InputStream detach() {
            detached = new Chunks(List.copyOf(readable));
            detached.viewsLeft = viewsLeft;
            readable.clear();
            return detached;
        }

        @Override
        public void close() {
            for (ByteBuf b : readable) {
                b.release();
                released++;
            }
            for (ByteBuf b : kept) {
                b.release();
                released++;
            }
            readable.clear();
            kept.clear();
        }
    }
}
