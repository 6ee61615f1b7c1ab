package jmpi.runtime.wire;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;

/**
 * A frame that carries payload buffers. The frame owns one reference to each part, so Netty's
 * pipeline (which releases what it has written or read) frees them; whoever keeps a frame past its
 * handler retains it.
 */
public interface Carrier extends ReferenceCounted {
    /** The payloads; an element may be null (an absent part). */
    ByteBuf[] parts();

    @Override
    default int refCnt() {
        for (ByteBuf b : parts()) {
            if (b != null) {
                return b.refCnt();
            }
        }
        return 1;
    }

    @Override
    default Carrier retain() {
        return retain(1);
    }

    @Override
    default Carrier retain(int increment) {
        for (ByteBuf b : parts()) {
            if (b != null) {
                b.retain(increment);
            }
        }
        return this;
    }

    @Override
    default Carrier touch() {
        return this;
    }

    @Override
    default Carrier touch(Object hint) {
        for (ByteBuf b : parts()) {
            if (b != null) {
                b.touch(hint);
            }
        }
        return this;
    }

    @Override
    default boolean release() {
        return release(1);
    }

    @Override
    default boolean release(int decrement) {
        boolean freed = false;
        for (ByteBuf b : parts()) {
            if (b != null) {
                freed |= b.release(decrement);
            }
        }
        return freed;
    }

    /** The size of the payloads, in bytes. */
    default long payloadBytes() {
        long n = 0;
        for (ByteBuf b : parts()) {
            n += b == null ? 0 : b.readableBytes();
        }
        return n;
    }
}
