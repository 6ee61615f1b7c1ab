package jmpi.runtime.rma;

import java.nio.Buffer;
import java.util.function.Supplier;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Win;
import jmpi.runtime.elem.ElementType;
import jmpi.spi.Windows;

/**
 * Makes windows: on a duplicate of the user's communicator (so the window's messages never meet the
 * program's), every rank tells every other the size and displacement unit of its part, or that its
 * arguments were refused; then each either starts its part or fails, all of them alike.
 */
public final class RuntimeWindows implements Windows {
    private static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    @Override
    public Win allocate(long bytes, int dispUnit, Comm comm) {
        MPIException refused = bytes < 0 || bytes > MAX_BYTES
                ? new MPIException(MPI.ERR_ARG, "Win.allocate of " + bytes + " bytes: give 0 to " + MAX_BYTES)
                : badUnit(dispUnit);
        return open(comm, refused, Math.max(bytes, 0), dispUnit, () -> WindowMemory.allocate((int) bytes));
    }

    @Override
    public Win create(Object buf, int dispUnit, Comm comm) {
        ElementType t = ElementType.of(buf);
        MPIException refused = badUnit(dispUnit);
        if (t == null) {
            refused = new MPIException(MPI.ERR_BUFFER, "Win.create over " + (buf == null ? "null"
                    : buf.getClass().getTypeName()) + ": give a primitive array (int[], double[], ...) or a java.nio buffer");
        } else if (buf instanceof Buffer b && b.isReadOnly()) {
            refused = new MPIException(MPI.ERR_BUFFER, "Win.create over a read-only buffer: its memory must be writable");
        }
        long bytes = t == null ? 0 : (long) t.count(buf) * t.size();
        return open(comm, refused, bytes, dispUnit, () -> new WindowMemory(buf, t));
    }

    private static MPIException badUnit(int dispUnit) {
        return dispUnit > 0 ? null
                : new MPIException(MPI.ERR_ARG, "a window's displacement unit must be 1 or more bytes, not " + dispUnit);
    }

    private static Win open(Comm comm, MPIException refused, long bytes, int dispUnit, Supplier<WindowMemory> memory) {
        if (comm == null) {
            throw new MPIException(MPI.ERR_COMM, "a window needs a communicator, not null");
        }
        if (comm.Is_inter()) {
            throw new MPIException(MPI.ERR_COMM, "a window needs an intracommunicator; Merge the intercommunicator first");
        }
        Comm own = comm.Dup();
        int n = own.size();
        long[] all = new long[2 * n];
        own.Allgather(new long[] {refused == null ? bytes : -1, dispUnit}, all);
        long[] sizes = new long[n];
        int[] units = new int[n];
        int firstRefused = -1;
        for (int r = 0; r < n; r++) {
            sizes[r] = all[2 * r];
            units[r] = (int) all[2 * r + 1];
            if (sizes[r] < 0 && firstRefused < 0) {
                firstRefused = r;
            }
        }
        if (firstRefused >= 0) {
            own.Free();
            throw refused != null ? refused : new MPIException(MPI.ERR_ARG, "rank " + firstRefused
                    + " gave arguments the window refused; so no rank has the window");
        }
        return new RuntimeWin(own, memory.get(), new Layout(sizes, units));
    }
}
