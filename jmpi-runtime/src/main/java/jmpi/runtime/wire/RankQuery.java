package jmpi.runtime.wire;

/**
 * The coordinator asks a rank for its process's threads (for {@code jmpirun --status --threads}); the
 * rank answers with a {@link RankReport} of the same id.
 *
 * @param id the question's number, which the answer repeats
 */
public record RankQuery(int id) implements Frame {
    @Override
    public FrameType type() {
        return FrameType.RANK_QUERY;
    }
}
