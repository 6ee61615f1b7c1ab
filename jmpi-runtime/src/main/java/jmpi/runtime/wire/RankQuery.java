package jmpi.runtime.wire;

/**
 * The coordinator asks a rank what it is doing: its own waits on its links and, for
 * {@code jmpirun --status --threads}, its process's threads; the rank answers with a {@link RankReport}
 * of the same id. A rank sends one to the coordinator to ask for the job's roll-call (its own waits
 * left out): the answer is a {@link Reply} to id whose one part is the roll-call's text.
 *
 * @param id      the question's number, which the answer repeats
 * @param threads whether the answer is to carry the thread dump
 */
public record RankQuery(int id, boolean threads) implements Frame {
    @Override
    public FrameType type() {
        return FrameType.RANK_QUERY;
    }
}
