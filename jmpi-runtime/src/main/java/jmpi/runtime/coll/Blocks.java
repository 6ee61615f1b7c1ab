package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;

/**
 * A buffer of {@code bytes} bytes cut into {@code count} blocks, one per rank of a ring: either as
 * even as whole units allow (an element, or a (value, index) pair for MINLOC/MAXLOC), or at the
 * counts a reduce-scatter names. Every rank that knows the length, the unit and the count (or the
 * counts) cuts alike; a block may be empty when there are fewer units than blocks.
 */
final class Blocks {
    /** offsets[b]: where block b starts, in bytes; offsets[count] is the length. */
    private final int[] offsets;

    /** Even blocks of whole units. */
    Blocks(int bytes, int unit, int count) {
        offsets = new int[count + 1];
        long units = bytes / unit;
        for (int b = 0; b <= count; b++) {
            offsets[b] = (int) (units * b / count) * unit;
        }
    }

    private Blocks(int[] offsets) {
        this.offsets = offsets;
    }

    /** Block b of counts[b] elements of elemSize bytes each, one after the other. */
    static Blocks ofCounts(int[] counts, int elemSize) {
        int[] offsets = new int[counts.length + 1];
        for (int b = 0; b < counts.length; b++) {
            offsets[b + 1] = offsets[b] + counts[b] * elemSize;
        }
        return new Blocks(offsets);
    }

    /** The bytes of the whole buffer. */
    int bytes() {
        return offsets[offsets.length - 1];
    }

    int count() {
        return offsets.length - 1;
    }

    /** Where block b (0 ≤ b ≤ count) starts, in bytes from the start of the buffer. */
    int offset(int b) {
        return offsets[b];
    }

    int length(int b) {
        return offset(b + 1) - offset(b);
    }

    /** Blocks [from, to) as a new reference into buf (the same memory). */
    ByteBuf slice(ByteBuf buf, int from, int to) {
        return buf.retainedSlice(buf.readerIndex() + offset(from), offset(to) - offset(from));
    }

    /** Block b as a new reference into buf (the same memory). */
    ByteBuf slice(ByteBuf buf, int b) {
        return slice(buf, b, b + 1);
    }

    /** Block b of buf, copied: what may be sent while buf goes on changing. */
    ByteBuf copy(ByteBuf buf, int b) {
        return buf.copy(buf.readerIndex() + offset(b), length(b));
    }

    /** b mod count, for the block numbers of a ring, which run below zero and past count. */
    int wrap(int b) {
        return Math.floorMod(b, count());
    }
}
