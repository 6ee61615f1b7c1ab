package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import jmpi.MPI;
import jmpi.MPIException;

/**
 * The second part of a reduce-scatter call: how many elements of the result each rank gets, as
 * int32s in rank order. Every rank sends its counts, so that whichever path completes the call can
 * see that the ranks agree (MPI requires the same counts everywhere).
 */
public final class ReduceScatterCounts {
    private ReduceScatterCounts() {
    }

    /** The counts as a part. */
    public static ByteBuf encode(int[] counts) {
        ByteBuf b = Unpooled.buffer(4 * counts.length);
        for (int c : counts) {
            b.writeInt(c);
        }
        return b;
    }

    /** The counts a call's parts carry for n ranks; a call that carries no such counts is ERR_COUNT. */
    static int[] decode(ByteBuf[] parts, int n) {
        if (parts.length != 2 || parts[1] == null || parts[1].readableBytes() != 4 * n) {
            throw new MPIException(MPI.ERR_COUNT, "reduce_scatter needs the send buffer and " + n
                    + " counts from every rank");
        }
        ByteBuf b = parts[1];
        int[] counts = new int[n];
        for (int i = 0; i < n; i++) {
            counts[i] = b.getInt(b.readerIndex() + 4 * i);
            if (counts[i] < 0) {
                throw new MPIException(MPI.ERR_COUNT, "reduce_scatter count " + counts[i] + " for rank " + i
                        + " is negative");
            }
        }
        return counts;
    }

    /** The elements the counts add up to. */
    public static long sumOf(int[] counts) {
        long s = 0;
        for (int c : counts) {
            s += c;
        }
        return s;
    }
}
