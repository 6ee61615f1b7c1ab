package jmpi;

/** An MPI error; {@link #errorClass()} is one of the {@code MPI.ERR_*} constants. */
public class MPIException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int errorClass;

    public MPIException(int errorClass, String message) {
        super(message);
        this.errorClass = errorClass;
    }

    public MPIException(int errorClass, String message, Throwable cause) {
        super(message, cause);
        this.errorClass = errorClass;
    }

    /** The error class, one of the {@code MPI.ERR_*} constants. */
    public int errorClass() {
        return errorClass;
    }

    /** mpi4py's spelling of {@link #errorClass()}. */
    public int getErrorClass() {
        return errorClass;
    }
}
