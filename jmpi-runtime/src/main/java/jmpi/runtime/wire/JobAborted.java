package jmpi.runtime.wire;

/**
 * A rank aborts the job ({@code MPI.Abort}, or an exception out of its {@code main}): it tells the
 * coordinator, its last word before it leaves, and the coordinator tells every other rank, which then
 * exits with the same code.
 *
 * @param rank the world rank that aborts
 * @param code the exit status every process of the job ends with
 */
public record JobAborted(int rank, int code) implements Frame {

    @Override
    public FrameType type() {
        return FrameType.JOB_ABORTED;
    }
}
