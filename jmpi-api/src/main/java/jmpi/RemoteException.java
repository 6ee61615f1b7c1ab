package jmpi;

/**
 * An exception thrown by an operation while the coordinator applied it. Every destination of the
 * operation receives it; the job goes on.
 */
public class RemoteException extends MPIException {
    private static final long serialVersionUID = 1L;

    private final String remoteType;
    private final String remoteStackTrace;

    public RemoteException(String remoteType, String message, String remoteStackTrace) {
        super(MPI.ERR_OTHER, remoteType + ": " + message);
        this.remoteType = remoteType;
        this.remoteStackTrace = remoteStackTrace;
    }

    /** The class name of the exception thrown on the coordinator. */
    public String remoteType() {
        return remoteType;
    }

    /** The stack trace of the exception thrown on the coordinator, as text. */
    public String remoteStackTrace() {
        return remoteStackTrace;
    }
}
