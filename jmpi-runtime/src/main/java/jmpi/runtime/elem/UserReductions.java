package jmpi.runtime.elem;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jmpi.Op;

/**
 * Buffer reductions with a user operation: its function gets typed nio views of the bytes, the lower
 * ranks' values read-only as {@code in}, the higher ranks' in a scratch copy as {@code inout} (a received
 * part may be read-only), whose result then becomes the accumulator. The one copy per fold is the
 * price of handing user code a plain nio buffer.
 */
final class UserReductions {
    private UserReductions() {
    }

    /**
     * Folds parts[1..] into parts[0], in order, through op's buffer function; the parts have equal lengths.
     * One part alone (the check every rank makes before a collective) calls it on no elements, so that an
     * operation on objects, or a function of another buffer type, fails alike on every rank before anything
     * is sent.
     */
    static void fold(ElementType t, Op op, ByteBuf[] parts) {
        if (parts.length == 1) {
            op.Reduce_local(t.view(ByteBuffer.allocate(0).asReadOnlyBuffer()), t.view(ByteBuffer.allocate(0)));
            return;
        }
        ByteBuf acc = parts[0];
        int len = acc.readableBytes();
        for (int k = 1; k < parts.length; k++) {
            ByteBuf b = parts[k];
            ByteBuffer in = acc.nioBufferCount() == 1 ? acc.nioBuffer(acc.readerIndex(), len)
                    : copy(acc, len);
            ByteBuffer inout = copy(b, len);
            op.Reduce_local(t.view(in.asReadOnlyBuffer()), t.view(inout));
            acc.setBytes(acc.readerIndex(), inout.clear());
        }
    }

    private static ByteBuffer copy(ByteBuf b, int len) {
        ByteBuffer c = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        b.getBytes(b.readerIndex(), c);
        return c.flip();
    }
}
