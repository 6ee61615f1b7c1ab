package jmpi.transport.grpc;

import io.grpc.Detachable;
import io.grpc.Drainable;
import io.grpc.HasByteBuffer;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * gRPC messages as Netty buffers; whoever gets a buffer from it releases it.
 *
 * <p>Outgoing, gRPC drains the buffer into its own in one copy and releases it. Incoming, a large
 * message is taken over without a copy where gRPC's stream lets go of its buffers
 * ({@link Detachable}, {@link HasByteBuffer}); they return to gRPC when the wrapper is released. A
 * small message is copied instead, so that a frame kept for long does not pin gRPC's read buffers.
 */
final class ByteBufMarshaller implements MethodDescriptor.Marshaller<ByteBuf> {
    static final ByteBufMarshaller INSTANCE = new ByteBufMarshaller(ByteBufAllocator.DEFAULT, 64 << 10);

    private final ByteBufAllocator alloc;
    private final int takeOverFrom;

    /** Messages of at least {@code takeOverFrom} bytes are taken over where possible, smaller ones copied. */
    ByteBufMarshaller(ByteBufAllocator alloc, int takeOverFrom) {
        this.alloc = alloc;
        this.takeOverFrom = takeOverFrom;
    }

    @Override
    public InputStream stream(ByteBuf message) {
        return new Outgoing(message);
    }

    @Override
    public ByteBuf parse(InputStream in) {
        try {
            if (canTakeOver(in)) {
                return takeOver(((Detachable) in).detach());
            }
            return copy(in);
        } catch (IOException e) {
            throw Status.INTERNAL.withDescription("cannot read a message: " + e).withCause(e).asRuntimeException();
        }
    }

    private boolean canTakeOver(InputStream in) throws IOException {
        return in instanceof Detachable && in instanceof HasByteBuffer && in.markSupported()
                && ((HasByteBuffer) in).byteBufferSupported() && in.available() >= takeOverFrom;
    }

    /** Wraps the detached stream's buffers one by one; closing the stream gives them back to gRPC. */
    private ByteBuf takeOver(InputStream detached) throws IOException {
        HasByteBuffer chunks = (HasByteBuffer) detached;
        // marked, the stream keeps what it is skipped past instead of releasing it, until it closes
        detached.mark(Integer.MAX_VALUE);
        CompositeByteBuf whole = new DetachedBuf(alloc, detached);
        try {
            int empty = 0;
            while (detached.available() > 0) {
                ByteBuffer chunk = chunks.getByteBuffer();
                int n = chunk == null ? 0 : chunk.remaining();
                if (n > 0) {
                    empty = 0;
                    whole.addComponent(true, Unpooled.wrappedBuffer(chunk));
                } else if (++empty > 1) {
                    // no view of the rest to be had: copy it
                    whole.addComponent(true, copy(detached));
                    break;
                }
                skipFully(detached, n);
            }
            return whole;
        } catch (IOException | RuntimeException e) {
            whole.release();
            throw e;
        }
    }

    private ByteBuf copy(InputStream in) throws IOException {
        if (in instanceof KnownLength) {
            int n = in.available();
            ByteBuf buf = alloc.heapBuffer(n, n);
            try {
                while (buf.isWritable()) {
                    if (buf.writeBytes(in, buf.writableBytes()) < 0) {
                        throw new EOFException("a message ended " + buf.writableBytes() + " bytes early");
                    }
                }
                return buf;
            } catch (IOException | RuntimeException e) {
                buf.release();
                throw e;
            }
        }
        ByteBuf buf = alloc.heapBuffer();
        try {
            while (buf.writeBytes(in, Math.max(in.available(), 8192)) >= 0) {
                // until the end of the stream
            }
            return buf;
        } catch (IOException | RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    private static void skipFully(InputStream in, int n) throws IOException {
        for (int left = n; left > 0; ) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                throw new EOFException("a message ended " + left + " bytes early");
            }
            left -= (int) skipped;
        }
        if (n == 0) {
            // lets the stream move past a chunk it has read to the end
            in.skip(0);
        }
    }

    /** A buffer made of a detached stream's chunks; its last release closes the stream. */
    private static final class DetachedBuf extends CompositeByteBuf {
        private final InputStream detached;

        DetachedBuf(ByteBufAllocator alloc, InputStream detached) {
            // never consolidated: that would be the copy this class exists to avoid
            super(alloc, true, Integer.MAX_VALUE);
            this.detached = detached;
        }

        @Override
        protected void deallocate() {
            super.deallocate();
            try {
                detached.close();
            } catch (IOException e) {
                // gRPC's buffer streams do not throw on close
            }
        }
    }

    /** A buffer on its way out: gRPC drains it into its own buffers, or closes it unread; either releases it. */
    private static final class Outgoing extends InputStream implements Drainable, KnownLength {
        private ByteBuf buf;

        Outgoing(ByteBuf buf) {
            this.buf = buf;
        }

        @Override
        public int available() {
            return buf == null ? 0 : buf.readableBytes();
        }

        @Override
        public int read() {
            return available() == 0 ? -1 : buf.readUnsignedByte();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = Math.min(len, available());
            if (n == 0) {
                return len == 0 ? 0 : -1;
            }
            buf.readBytes(b, off, n);
            return n;
        }

        @Override
        public int drainTo(OutputStream target) throws IOException {
            int n = available();
            if (n > 0) {
                // from a heap buffer this writes the backing array: one copy
                buf.readBytes(target, n);
            }
            close();
            return n;
        }

        @Override
        public void close() {
            if (buf != null) {
                buf.release();
                buf = null;
            }
        }
    }
}
