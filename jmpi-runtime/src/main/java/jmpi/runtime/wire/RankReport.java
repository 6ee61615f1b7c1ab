package jmpi.runtime.wire;

/**
 * A rank answers a {@link RankQuery}: what it waits for on its links to its peers, which the
 * coordinator cannot see, and, when asked, every thread of its process with its stack, as text.
 *
 * @param id      the question's number
 * @param threads the thread dump, empty unless asked for
 * @param waits   what the rank waits for on its links, a line each; empty when nothing
 */
public record RankReport(int id, String threads, String waits) implements Frame {
    @Override
    public FrameType type() {
        return FrameType.RANK_REPORT;
    }
}
