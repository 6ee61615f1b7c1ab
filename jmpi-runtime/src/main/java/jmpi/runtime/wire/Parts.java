package jmpi.runtime.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;

/** Small helpers for the payload buffers of frames. */
public final class Parts {
    public static final ByteBuf[] NONE = new ByteBuf[0];

    private Parts() {
    }

    /** A part over bytes (not copied); null stays null. */
    public static ByteBuf wrap(byte[] bytes) {
        return bytes == null ? null : Unpooled.wrappedBuffer(bytes);
    }

    /** The readable bytes of a part, copied; null stays null. */
    public static byte[] bytes(ByteBuf part) {
        return part == null ? null : ByteBufUtil.getBytes(part);
    }

    /** A new reference to the same bytes, with its own indices: how one payload goes to many ranks. */
    public static ByteBuf share(ByteBuf part) {
        return part == null ? null : part.retainedDuplicate();
    }

    /** The bytes the parts hold, absent ones counting none. */
    public static long readable(ByteBuf[] parts) {
        long n = 0;
        for (ByteBuf b : parts) {
            n += b == null ? 0 : b.readableBytes();
        }
        return n;
    }

    /** Releases every part (those not null). */
    public static void release(ByteBuf[] parts) {
        for (ByteBuf b : parts) {
            if (b != null) {
                ReferenceCountUtil.safeRelease(b);
            }
        }
    }
}
