package jmpi.runtime.rma;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.elem.BufferView;

/** Every rank's part of a window as each rank told it: its size in bytes and its displacement unit. */
record Layout(long[] bytes, int[] dispUnits) {

    int size() {
        return bytes.length;
    }

    void checkRank(String what, int target) {
        if (target < 0 || target >= size()) {
            throw new MPIException(MPI.ERR_RANK, what + ": rank " + target + " is not one of the window's "
                    + size() + " ranks (0 to " + (size() - 1) + ")");
        }
    }

    /** Where count elements of view go at target's displacement disp; ERR_RMA_RANGE past the end of its memory. */
    Access access(String what, int target, long disp, BufferView view, int count) {
        long length = (long) count * view.type().size();
        if (length > Integer.MAX_VALUE - 64) {
            throw new MPIException(MPI.ERR_COUNT, what + " of " + length + " bytes: one operation moves at most 2 GiB;"
                    + " split it");
        }
        int unit = dispUnits[target];
        long offset = disp < 0 || disp > Long.MAX_VALUE / unit ? -1 : disp * unit;
        if (offset < 0 || offset + length > bytes[target]) {
            throw new MPIException(MPI.ERR_RMA_RANGE, what + " of " + count + " " + view.type().typeName()
                    + " elements at displacement " + disp + " (unit " + unit + " bytes) lies outside rank " + target
                    + "'s " + bytes[target] + " bytes of window");
        }
        return new Access(view, offset, (int) length, count);
    }

    /** One checked access: the buffer, the byte offset at the target, the bytes and elements it covers. */
    record Access(BufferView view, long offset, int length, int count) {
        byte[] bytes(BufferView v) {
            return bytes(v, count);
        }

        /** The first n elements of v as little-endian bytes. */
        static byte[] bytes(BufferView v, int n) {
            ByteBuffer le = ByteBuffer.allocate(n * v.type().size()).order(ByteOrder.LITTLE_ENDIAN);
            v.type().encode(v.buf(), 0, n, le);
            return le.array();
        }
    }
}
