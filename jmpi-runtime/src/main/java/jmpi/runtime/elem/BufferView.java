package jmpi.runtime.elem;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.Buffer;
import java.util.function.IntFunction;
import jmpi.MPI;
import jmpi.MPIException;

/**
 * A user buffer, checked: a primitive array or nio buffer (its position and limit respected), its
 * element type and how many elements it holds. Elements leave and arrive as raw little-endian bytes,
 * with no serialization: one copy each way.
 */
public record BufferView(Object buf, ElementType type, int count) {

    /** Checks that buf is a buffer (what names the argument in the error, "recv…" one that is written) and views it. */
    public static BufferView of(Object buf, String what) {
        ElementType t = ElementType.of(buf);
        if (t == null) {
            String name = buf == null ? "null" : buf == MPI.IN_PLACE ? "MPI.IN_PLACE" : buf.getClass().getTypeName();
            throw new MPIException(MPI.ERR_BUFFER, what + " is not a buffer: " + name
                    + "; use a primitive array (int[], double[], ...) or a java.nio buffer");
        }
        if (buf instanceof Buffer b && b.isReadOnly() && what.startsWith("recv")) {
            throw new MPIException(MPI.ERR_BUFFER, what + " is read-only");
        }
        return new BufferView(buf, t, t.count(buf));
    }

    /** Encodes n elements starting at element off into a new pooled buffer: the one copy on the way out. */
    public ByteBuf readBuf(int off, int n) {
        return readBuf(off, n, len -> ByteBufAllocator.DEFAULT.directBuffer(len, len));
    }

    /** As above, into a buffer of alloc's choosing (given the length in bytes). */
    public ByteBuf readBuf(int off, int n, IntFunction<ByteBuf> alloc) {
        checkRange(off, n);
        long bytes = (long) n * type.size();
        if (bytes > Integer.MAX_VALUE) {
            throw new MPIException(MPI.ERR_COUNT, n + " " + type.typeName() + " elements (" + bytes
                    + " bytes) do not fit one message part of at most 2 GiB: only point-to-point messages and"
                    + " Bcast on the direct data plane (JMPI_DATA=direct) move larger buffers, in chunks");
        }
        int len = (int) bytes;
        ByteBuf out = alloc.apply(len);
        try {
            type.encode(buf, off, n, out.nioBuffer(0, len));
            out.writerIndex(len);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    /** Decodes the readable bytes of src into the buffer from element off: the one copy on the way in. */
    public void write(ByteBuf src, int off) {
        int n = src.readableBytes() / type.size();
        checkRange(off, n);
        if (src.nioBufferCount() == 1) {
            type.decode(src.nioBuffer(), buf, off, n);
            return;
        }
        // a message read from the socket in pieces: nioBuffer() would join them in a fresh heap array
        // each time, garbage the size of every large message; a pooled buffer is reused
        int len = n * type.size();
        ByteBuf joined = ByteBufAllocator.DEFAULT.directBuffer(len, len);
        try {
            // read piece by piece from src's side: writeBytes would ask src for one nio buffer, the join again
            src.getBytes(src.readerIndex(), joined, 0, len);
            joined.writerIndex(len);
            type.decode(joined.nioBuffer(), buf, off, n);
        } finally {
            joined.release();
        }
    }

    private void checkRange(int off, int n) {
        if (off < 0 || n < 0 || (long) off + n > count) {
            throw new MPIException(MPI.ERR_COUNT, "elements [" + off + ", " + ((long) off + n)
                    + ") out of a buffer of " + count);
        }
    }

    /** A fresh primitive array holding the elements of src. */
    public static Object toArray(ElementType t, ByteBuf src) {
        int n = src.readableBytes() / t.size();
        Object a = t.newArray(n);
        new BufferView(a, t, n).write(src, 0);
        return a;
    }
}
