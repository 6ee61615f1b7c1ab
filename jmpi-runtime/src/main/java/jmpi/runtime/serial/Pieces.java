package jmpi.runtime.serial;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.wire.Parts;
import org.apache.fory.memory.MemoryBuffer;
import org.apache.fory.serializer.BufferObject;

/**
 * A serialized object whose large primitive arrays travel out of band: beside the rest of it, each
 * a piece of its own, rather than inside Fory's stream. So an object of more than 2 GiB serialized
 * can travel (Fory's buffers and Netty's are int-indexed, each piece stays below 2 GiB), and an array
 * is copied once on its way out instead of twice. The pieces, in order:
 * <pre>  MARK, int n, long in-band bytes, long[n] array bytes, Fory's in-band bytes | array 1 | … | array n</pre>
 * the header and the in-band bytes making the first piece. MARK sets bits that Fory reserves in the
 * first byte of its own streams, so a reader tells the two apart by the first byte; so do the notes
 * that stand in for an object refused ({@link #refusing}) or streamed after ({@link #announcing}).
 */
public final class Pieces {
    static final byte MARK = 0x4A;
    /** The first byte of a note that stands for an object too large to go where it was sent. */
    private static final byte REFUSED = 0x52;
    /** Arrays from this size go out of band: below it, a piece of their own costs more than it saves. */
    static final int OUT_OF_BAND_FROM = 1 << 20;
    /**
     * Arrays from this size go out of band within one buffer ({@link #writePart}): there they cost
     * only their length in the header, and save a copy.
     */
    static final int WHOLE_OUT_OF_BAND_FROM = 4 << 10;
    private static final int FIXED = 1 + Integer.BYTES + Long.BYTES;

    private Pieces() {
    }

    /**
     * The pieces of an object: the header and the in-band bytes, then each array (copied once, here);
     * without arrays, Fory's stream alone ({@link #writePart}).
     */
    static ByteBuf[] write(MemoryBuffer inBand, List<BufferObject> arrays, IntFunction<ByteBuf> alloc) {
        if (arrays.isEmpty()) {
            return new ByteBuf[] {writePart(inBand, arrays, alloc)};
        }
        int n = arrays.size();
        ByteBuf[] pieces = new ByteBuf[n + 1];
        try {
            pieces[0] = writeInBand(inBand, writeHeader(inBand, arrays, alloc.apply(headerBytes(n) + inBand.writerIndex())));
            for (int i = 0; i < n; i++) {
                pieces[i + 1] = writeArray(arrays.get(i), alloc.apply(arrays.get(i).totalBytes()));
            }
            return pieces;
        } catch (RuntimeException e) {
            Parts.release(pieces);
            throw e;
        }
    }

    /**
     * The object in one buffer of {@link #partBytes}, which the caller has seen is below 2 GiB: Fory's
     * stream alone without arrays, else the pieces one after the other, as {@link #split} reads them,
     * so that each array is copied once, straight into the buffer.
     */
    static ByteBuf writePart(MemoryBuffer inBand, List<BufferObject> arrays, IntFunction<ByteBuf> alloc) {
        ByteBuf part = alloc.apply((int) partBytes(inBand, arrays));
        try {
            if (!arrays.isEmpty()) {
                writeHeader(inBand, arrays, part);
            }
            writeInBand(inBand, part);
            for (BufferObject a : arrays) {
                writeArray(a, part);
            }
            return part;
        } catch (RuntimeException e) {
            part.release();
            throw e;
        }
    }

    /** The bytes of {@link #writePart}'s buffer. */
    static long partBytes(MemoryBuffer inBand, List<BufferObject> arrays) {
        if (arrays.isEmpty()) {
            return inBand.writerIndex();
        }
        long total = (long) headerBytes(arrays.size()) + inBand.writerIndex();
        for (BufferObject a : arrays) {
            total += a.totalBytes();
        }
        return total;
    }

    private static int headerBytes(int arrays) {
        return FIXED + Long.BYTES * arrays;
    }

    /** Writes the header at into's writer index; into. */
    private static ByteBuf writeHeader(MemoryBuffer inBand, List<BufferObject> arrays, ByteBuf into) {
        into.writeByte(MARK).writeInt(arrays.size()).writeLong(inBand.writerIndex());
        for (BufferObject a : arrays) {
            into.writeLong(a.totalBytes());
        }
        return into;
    }

    /** Copies Fory's in-band bytes at into's writer index; into. */
    private static ByteBuf writeInBand(MemoryBuffer inBand, ByteBuf into) {
        int len = inBand.writerIndex();
        inBand.copyTo(0, memory(into.writerIndex(), len, into), 0, len);
        return into.writerIndex(into.writerIndex() + len);
    }

    /** Copies an array's bytes at into's writer index; into. */
    private static ByteBuf writeArray(BufferObject a, ByteBuf into) {
        int len = a.totalBytes();
        a.writeTo(memory(into.writerIndex(), len, into));
        return into.writerIndex(into.writerIndex() + len);
    }

    /** The first byte of a note that announces an object streamed after it, and its size. */
    private static final byte STREAMED = 0x53;

    /** A note, in place of an object, that says it follows in a stream of this many bytes. */
    public static ByteBuf announcing(long bytes) {
        return Unpooled.buffer(1 + Long.BYTES).writeByte(STREAMED).writeLong(bytes);
    }

    /** The bytes that the note b announces, or -1 if b is no such note. */
    public static long announced(ByteBuf b) {
        boolean note = b.readableBytes() == 1 + Long.BYTES && b.getByte(b.readerIndex()) == STREAMED;
        return note ? b.getLong(b.readerIndex() + 1) : -1;
    }

    /** A note, in place of an object, that says why it did not come. */
    static ByteBuf refusing(String why) {
        ByteBuf b = Unpooled.buffer();
        b.writeByte(REFUSED).writeCharSequence(why, StandardCharsets.UTF_8);
        return b;
    }

    /** What the note b says, or null if b is no such note. */
    static String refusal(ByteBuf b) {
        if (!b.isReadable() || b.getByte(b.readerIndex()) != REFUSED) {
            return null;
        }
        String why = b.toString(b.readerIndex() + 1, b.readableBytes() - 1, StandardCharsets.UTF_8);
        // a sender always says why; a note without words is a damaged payload, and its error still needs some
        return why.isBlank() ? "an object did not come, and the note in its place gives no reason (a damaged payload)"
                : why;
    }

    /** Whether these bytes (readable from their reader index) start an object in pieces. */
    static boolean marked(ByteBuf b) {
        return b.isReadable() && b.getByte(b.readerIndex()) == MARK;
    }

    /**
     * The lengths of the pieces that the header at head's reader index announces, the first piece's
     * with its header; null while head holds too little of the header.
     */
    static long[] lengths(ByteBuf head) {
        int at = head.readerIndex();
        if (head.readableBytes() < FIXED) {
            return null;
        }
        int n = head.getInt(at + 1);
        // no writer makes pieces without an array: a header of none would be read as pieces again and again
        if (n < 1 || n > (head.readableBytes() + (long) Integer.MAX_VALUE) / Long.BYTES) {
            throw new MPIException(MPI.ERR_OTHER, "an object in pieces announces " + n + " pieces");
        }
        long headerBytes = FIXED + (long) Long.BYTES * n;
        if (head.readableBytes() < headerBytes) {
            return null;
        }
        long[] lengths = new long[n + 1];
        lengths[0] = headerBytes + head.getLong(at + 1 + Integer.BYTES);
        for (int i = 0; i < n; i++) {
            lengths[i + 1] = head.getLong(at + FIXED + Long.BYTES * i);
        }
        for (long len : lengths) {
            if (len < 0 || len > Integer.MAX_VALUE) {
                throw new MPIException(MPI.ERR_OTHER, "an object in pieces announces a piece of " + len + " bytes");
            }
        }
        return lengths;
    }

    /** The in-band bytes of the first piece, after its header, as Fory reads them. */
    static MemoryBuffer inBand(ByteBuf first) {
        int n = first.getInt(first.readerIndex() + 1);
        int headerBytes = FIXED + Long.BYTES * n;
        return memory(first.readerIndex() + headerBytes, first.readableBytes() - headerBytes, first);
    }

    /** The pieces that one buffer holds whole, as slices of it (the buffer still owns them). */
    static ByteBuf[] split(ByteBuf whole) {
        long[] lengths = lengths(whole);
        if (lengths == null) {
            throw new MPIException(MPI.ERR_OTHER, "an object in pieces ends within its header");
        }
        List<ByteBuf> pieces = new ArrayList<>(lengths.length);
        long at = whole.readerIndex();
        for (long len : lengths) {
            if (at + len > whole.writerIndex()) {
                throw new MPIException(MPI.ERR_OTHER, "an object in pieces holds fewer bytes than its header says");
            }
            pieces.add(whole.slice((int) at, (int) len));
            at += len;
        }
        return pieces.toArray(new ByteBuf[0]);
    }

    /** length bytes of b from index, as Fory's buffer: the same memory, no copy unless b is in parts. */
    static MemoryBuffer memory(int index, int length, ByteBuf b) {
        return MemoryBuffer.fromByteBuffer(b.nioBuffer(index, length));
    }
}
