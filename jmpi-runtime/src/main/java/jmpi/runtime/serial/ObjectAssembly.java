package jmpi.runtime.serial;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import jmpi.runtime.wire.Parts;

/**
 * A serialized object that arrives in chunks, gathered into the pieces it was cut in ({@link Pieces}),
 * each allocated at its exact size once the header has said it: so an object of any size that a
 * message may carry is received without a buffer over 2 GiB and without a copy more. An object that
 * came whole (no pieces) is gathered into one buffer, which cannot exceed 2 GiB.
 */
public final class ObjectAssembly {
    private final long bytes;
    /** What arrived before the pieces were known: the header, and what came with it. */
    private ByteBuf head;
    private ByteBuf[] pieces;
    private int current;

    /** bytes: how many the object holds in all. */
    public ObjectAssembly(long bytes) {
        this.bytes = bytes;
    }

    /** Takes the readable bytes of chunk (still the caller's), in order; throws on what does not add up. */
    public void write(ByteBuf chunk) {
        if (pieces != null) {
            fill(chunk);
            return;
        }
        if (head == null) {
            head = ByteBufAllocator.DEFAULT.heapBuffer(chunk.readableBytes());
        }
        head.writeBytes(chunk, chunk.readerIndex(), chunk.readableBytes());
        long[] lengths = Pieces.marked(head) ? Pieces.lengths(head) : new long[] {bytes};
        if (lengths == null) {
            return;
        }
        long sum = 0;
        for (long len : lengths) {
            sum += len;
        }
        if (sum != bytes || lengths[0] > Integer.MAX_VALUE) {
            throw new IllegalStateException("an object of " + bytes + " bytes announces pieces of " + sum
                    + " bytes, or one over 2 GiB");
        }
        pieces = new ByteBuf[lengths.length];
        for (int i = 0; i < lengths.length; i++) {
            pieces[i] = ByteBufAllocator.DEFAULT.heapBuffer((int) lengths[i], (int) lengths[i]);
        }
        ByteBuf h = head;
        head = null;
        try {
            fill(h);
        } finally {
            h.release();
        }
    }

    private void fill(ByteBuf src) {
        int at = src.readerIndex();
        int left = src.readableBytes();
        while (left > 0) {
            while (current < pieces.length && !pieces[current].isWritable()) {
                current++;
            }
            if (current == pieces.length) {
                throw new IllegalStateException("an object of " + bytes + " bytes came with more");
            }
            ByteBuf p = pieces[current];
            int n = Math.min(left, p.writableBytes());
            p.writeBytes(src, at, n);
            at += n;
            left -= n;
        }
    }

    /** The pieces, once every byte is in; they pass to the caller. */
    public ByteBuf[] pieces() {
        ByteBuf[] out = pieces;
        pieces = null;
        return out;
    }

    /** Lets go of what arrived: the transfer failed. */
    public void release() {
        if (head != null) {
            head.release();
            head = null;
        }
        if (pieces != null) {
            Parts.release(pieces);
            pieces = null;
        }
    }
}
