package jmpi.runtime.rma;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.elem.ElementType;

/**
 * A rank's memory of a window as little-endian bytes, over an array or nio buffer of any element type.
 * Bytes are read and written through the elements that cover them, so a window over an {@code int[]}
 * takes a put of bytes or doubles as MPI's untyped memory would. Only the target's service thread
 * writes; the owner reads through its own buffer or {@link #view()}.
 */
final class WindowMemory {
    private final Object buf;
    private final ElementType type;
    private final long bytes;

    WindowMemory(Object buf, ElementType type) {
        this.buf = buf;
        this.type = type;
        this.bytes = (long) type.count(buf) * type.size();
    }

    /** Zeroed memory of its own, as {@link jmpi.Win#allocate} makes. */
    static WindowMemory allocate(int bytes) {
        return new WindowMemory(ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN), ElementType.BYTE);
    }

    long bytes() {
        return bytes;
    }

    /** The memory as a byte buffer, where it is one; ERR_BUFFER for a window over other elements. */
    ByteBuffer view() {
        if (buf instanceof ByteBuffer b) {
            return b.slice().order(ByteOrder.LITTLE_ENDIAN);
        }
        if (buf instanceof byte[] a) {
            return ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN);
        }
        throw new MPIException(MPI.ERR_BUFFER, "this window is over a " + type.typeName()
                + " buffer, not bytes: read the buffer given to Win.create");
    }

    /** The len bytes from offset off. */
    synchronized byte[] read(long off, int len) {
        byte[] out = new byte[len];
        if (len > 0) {
            ByteBuffer le = covering(off, len);
            le.get(inFirst(off), out);
        }
        return out;
    }

    /** Writes src at offset off. */
    synchronized void write(long off, byte[] src) {
        if (src.length == 0) {
            return;
        }
        ByteBuffer le = covering(off, src.length);
        le.put(inFirst(off), src);
        int size = type.size();
        type.decode(le, buf, (int) (off / size), le.capacity() / size);
    }

    /** The elements that hold bytes [off, off + len), encoded. */
    private ByteBuffer covering(long off, int len) {
        int size = type.size();
        int first = (int) (off / size);
        int count = (int) ((off + len - 1) / size) - first + 1;
        ByteBuffer le = ByteBuffer.allocate(count * size).order(ByteOrder.LITTLE_ENDIAN);
        type.encode(buf, first, count, le);
        return le;
    }

    /** Where offset off lies in the first element that covers it. */
    private int inFirst(long off) {
        return (int) (off % type.size());
    }
}
