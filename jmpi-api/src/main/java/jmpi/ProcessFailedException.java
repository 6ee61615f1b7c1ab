package jmpi;

/** An operation could not complete because a rank it needs (or the coordinator) has failed. */
public class ProcessFailedException extends MPIException {
    private static final long serialVersionUID = 1L;

    private final int failedRank;

    public ProcessFailedException(int failedRank, String message) {
        super(MPI.ERR_PROC_FAILED, message);
        this.failedRank = failedRank;
    }

    /** The world rank that failed, or {@link MPI#UNDEFINED} when the coordinator was lost. */
    public int failedRank() {
        return failedRank;
    }
}
