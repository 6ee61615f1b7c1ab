package jmpi;

/**
 * An exception thrown by an operation while the coordinator applied it. Every destination of the
 * operation receives it; the job goes on.
 */
public class RemoteException extends MPIException {
    private static final long serialVersionUID = 1L;

    /** The remote exception's class name. */
    private final String remoteType;
    /** The remote exception's stack trace, as text. */
    private final String remoteStackTrace;

    /**
     * An exception of class {@link MPI#ERR_OTHER} that stands for one thrown on the coordinator.
     *
     * @param remoteType the class name of the exception thrown
     * @param message its message
     * @param remoteStackTrace its stack trace, as text
     */
    public RemoteException(String remoteType, String message, String remoteStackTrace) {
        super(MPI.ERR_OTHER, remoteType + ": " + message);
        this.remoteType = remoteType;
        this.remoteStackTrace = remoteStackTrace;
    }

    /**
     * The class name of the exception thrown on the coordinator.
     *
     * @return the class name
     */
    public String remoteType() {
        return remoteType;
    }

    /**
     * The stack trace of the exception thrown on the coordinator, as text.
     *
     * @return the stack trace
     */
    public String remoteStackTrace() {
        return remoteStackTrace;
    }
}
