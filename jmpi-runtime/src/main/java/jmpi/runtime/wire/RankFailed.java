package jmpi.runtime.wire;

/**
 * The coordinator tells every rank that a rank of the job failed, unasked: a rank waiting for a
 * message from it on a direct link would otherwise wait forever.
 *
 * @param rank the world rank that failed
 */
public record RankFailed(int rank) implements Frame {

    @Override
    public FrameType type() {
        return FrameType.RANK_FAILED;
    }
}
