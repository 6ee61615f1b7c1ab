package jmpi;

/** An MPI error; {@link #errorClass()} is one of the {@code MPI.ERR_*} constants. */
public class MPIException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** One of the {@code MPI.ERR_*} constants. */
    private final int errorClass;

    /**
     * An error of the given class.
     *
     * @param errorClass one of the {@code MPI.ERR_*} constants
     * @param message what went wrong and what the caller can do
     */
    public MPIException(int errorClass, String message) {
        super(message);
        this.errorClass = errorClass;
    }

    /**
     * An error of the given class with its cause.
     *
     * @param errorClass one of the {@code MPI.ERR_*} constants
     * @param message what went wrong and what the caller can do
     * @param cause the exception that caused it
     */
    public MPIException(int errorClass, String message, Throwable cause) {
        super(message, cause);
        this.errorClass = errorClass;
    }

    /**
     * The error class, one of the {@code MPI.ERR_*} constants.
     *
     * @return the error class
     */
    public int errorClass() {
        return errorClass;
    }

    /**
     * mpi4py's spelling of {@link #errorClass()}.
     *
     * @return the error class
     */
    public int getErrorClass() {
        return errorClass;
    }
}
