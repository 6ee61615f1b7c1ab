package jmpi.runtime.wire;

/**
 * A rank answers a {@link RankQuery}: every thread of its process with its stack, as text.
 *
 * @param id      the question's number
 * @param threads the thread dump
 */
public record RankReport(int id, String threads) implements Frame {
    @Override
    public FrameType type() {
        return FrameType.RANK_REPORT;
    }
}
