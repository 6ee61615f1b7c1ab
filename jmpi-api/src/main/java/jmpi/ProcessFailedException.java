package jmpi;

/** An operation could not complete because a rank it needs (or the coordinator) has failed. */
public class ProcessFailedException extends MPIException {
    private static final long serialVersionUID = 1L;

    /** The failed world rank, or {@link MPI#UNDEFINED}. */
    private final int failedRank;

    /**
     * An error of class {@link MPI#ERR_PROC_FAILED}.
     *
     * @param failedRank the world rank that failed, or {@link MPI#UNDEFINED} when the coordinator was lost
     * @param message what could not complete
     */
    public ProcessFailedException(int failedRank, String message) {
        super(MPI.ERR_PROC_FAILED, message);
        this.failedRank = failedRank;
    }

    /**
     * The world rank that failed, or {@link MPI#UNDEFINED} when the coordinator was lost.
     *
     * @return the rank, or {@link MPI#UNDEFINED}
     */
    public int failedRank() {
        return failedRank;
    }
}
