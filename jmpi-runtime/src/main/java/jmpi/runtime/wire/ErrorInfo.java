package jmpi.runtime.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.PrintWriter;
import java.io.StringWriter;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.ProcessFailedException;
import jmpi.RemoteException;

/**
 * A failure carried by a {@link Reply}.
 *
 * @param kind {@link #MPI_ERROR}, {@link #REMOTE} or {@link #FAILED}
 * @param errorClass the MPI error class
 * @param type the exception's class name (remote failures)
 * @param message what went wrong
 * @param stack the remote stack trace, as text
 * @param failedRank the world rank that failed ({@link #FAILED})
 */
public record ErrorInfo(byte kind, int errorClass, String type, String message, String stack, int failedRank) {
    public static final byte MPI_ERROR = 0;
    public static final byte REMOTE = 1;
    public static final byte FAILED = 2;

    public static ErrorInfo mpi(int errorClass, String message) {
        return new ErrorInfo(MPI_ERROR, errorClass, "", message, "", MPI.UNDEFINED);
    }

    public static ErrorInfo failed(int rank, String message) {
        return new ErrorInfo(FAILED, MPI.ERR_PROC_FAILED, "", message, "", rank);
    }

    /** An exception thrown while applying an operation; MPI errors keep their class. */
    public static ErrorInfo of(Throwable t) {
        if (t instanceof ProcessFailedException pf) {
            return failed(pf.failedRank(), pf.getMessage());
        }
        if (t instanceof MPIException && !(t instanceof RemoteException)) {
            return mpi(((MPIException) t).errorClass(), t.getMessage());
        }
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return new ErrorInfo(REMOTE, MPI.ERR_OTHER, t.getClass().getName(), String.valueOf(t.getMessage()),
                sw.toString(), MPI.UNDEFINED);
    }

    /** The exception a rank throws for this failure. */
    public MPIException toException() {
        switch (kind) {
            case REMOTE:
                return new RemoteException(type, message, stack);
            case FAILED:
                return new ProcessFailedException(failedRank, message);
            default:
                return new MPIException(errorClass, message);
        }
    }

    /** The failure as one part, as a collective's message carries it to a rank that waits for data. */
    public ByteBuf toPart() {
        ByteBuf b = Unpooled.buffer();
        b.writeByte(kind);
        b.writeInt(errorClass);
        WireFields.writeString(b, type);
        WireFields.writeString(b, message);
        WireFields.writeString(b, stack);
        b.writeInt(failedRank);
        return b;
    }

    /** The failure a part made by {@link #toPart} holds; the part is left as it is. */
    public static ErrorInfo fromPart(ByteBuf part) {
        ByteBuf in = part.duplicate();
        return new ErrorInfo(in.readByte(), in.readInt(), WireFields.readString(in), WireFields.readString(in),
                WireFields.readString(in), in.readInt());
    }
}
