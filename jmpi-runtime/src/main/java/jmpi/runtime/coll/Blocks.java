package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;

/**
 * A buffer of {@code bytes} bytes cut into {@code count} blocks, one per rank of a ring, on whole
 * units (an element, or a (value, index) pair for MINLOC/MAXLOC), as even as the units allow. Every
 * rank that knows the length, the unit and the count cuts alike; a block may be empty when there are
 * fewer units than blocks.
 */
record Blocks(int bytes, int unit, int count) {
    /** Where block b (0 ≤ b ≤ count) starts, in bytes from the start of the buffer. */
    int offset(int b) {
        long units = bytes / unit;
        return (int) (units * b / count) * unit;
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
        return Math.floorMod(b, count);
    }
}
