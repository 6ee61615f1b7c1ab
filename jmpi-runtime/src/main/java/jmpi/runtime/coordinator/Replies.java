package jmpi.runtime.coordinator;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import jmpi.runtime.wire.Frame;
import jmpi.runtime.wire.Reply;

/**
 * The coordinator's output and its back-pressure. Replies are written without flushing; {@link #flush}
 * runs once per read burst.
 *
 * <p>Two bounds keep what the coordinator holds in check. While any rank's connection has more than
 * JMPI_SERIAL_QUEUE bytes waiting to be written, no rank is read, so senders wait on their own full
 * connections; ranks always read their replies, so the congestion drains. And once a rank's messages
 * that no receive has taken pass heldLimit bytes, that rank is not read until receives have taken
 * half of them, so its sends wait, as MPI allows a standard send to.
 */
final class Replies {
    private static final System.Logger LOG = System.getLogger(Replies.class.getName());

    private final long heldLimit;
    private final Set<RankPort> dirty = new LinkedHashSet<>();
    private final Set<RankPort> congested = new HashSet<>();
    private Job job;
    private long[] held;
    private boolean[] paused;

    Replies(long heldLimit) {
        this.heldLimit = heldLimit;
    }

    /** Serves a new job: nothing of the last one is held. */
    void start(Job next) {
        job = next;
        held = new long[next.size];
        paused = new boolean[next.size];
    }

    /** Writes a reply, which gives up its parts' references once written (or dropped). */
    void reply(int worldRank, Reply r) {
        RankPort port = job == null ? null : job.port(worldRank);
        if (port == null) {
            r.release();
            return;
        }
        port.write(r);
        dirty.add(port);
    }

    /** Writes a frame that answers no call (a rank's failure), flushed with the replies. */
    void tell(int worldRank, Frame f) {
        RankPort port = job == null ? null : job.port(worldRank);
        if (port != null) {
            port.write(f);
            dirty.add(port);
        }
    }

    /** Flushes every port written to since the last flush. */
    void flush() {
        if (dirty.isEmpty()) {
            return;
        }
        for (RankPort p : dirty) {
            p.flush();
        }
        dirty.clear();
    }

    /** A connection filled up or drained. */
    void writabilityChanged(RankPort port) {
        boolean was = !congested.isEmpty();
        if (port.writable()) {
            congested.remove(port);
        } else {
            congested.add(port);
        }
        if (was != !congested.isEmpty() && job != null) {
            for (int r = 0; r < job.size; r++) {
                updateReading(r);
            }
        }
    }

    /** A rank is read unless some connection is congested or too many of its own messages wait. */
    void updateReading(int rank) {
        RankPort p = job.port(rank);
        if (p != null) {
            p.reading(congested.isEmpty() && !paused[rank]);
        }
    }

    /** Counts bytes of sender's messages that wait for receives (delta negative once taken). */
    void held(int sender, long delta) {
        if (held == null || sender < 0 || sender >= held.length) {
            return;
        }
        held[sender] += delta;
        boolean pause = held[sender] > heldLimit || paused[sender] && held[sender] > heldLimit / 2;
        if (pause != paused[sender]) {
            paused[sender] = pause;
            LOG.log(System.Logger.Level.DEBUG, "rank {0} {1}: {2} bytes of its messages wait for receives",
                    sender, pause ? "paused" : "resumed", held[sender]);
            updateReading(sender);
        }
    }

    long held(int rank) {
        return held[rank];
    }

    boolean paused(int rank) {
        return paused[rank];
    }
}
