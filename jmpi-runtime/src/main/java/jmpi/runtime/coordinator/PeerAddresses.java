package jmpi.runtime.coordinator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jmpi.MPI;
import jmpi.runtime.wire.ErrorInfo;
import jmpi.runtime.wire.PeerQuery;
import jmpi.runtime.wire.Reply;

/**
 * Where each rank's data link listens, as its hello said, and the questions about ranks that have
 * not joined yet: they are answered when the rank joins, or fail when it dies or the job ends.
 */
final class PeerAddresses {
    private record Waiting(int asker, PeerQuery query) {
    }

    private final Replies replies;
    private String[] addresses = new String[0];
    private boolean[] joined = new boolean[0];
    /** The shared-memory segments this host's ranks offered and this coordinator mapped, by rank. */
    private String[] segments = new String[0];
    private final List<Waiting> waiting = new ArrayList<>();

    PeerAddresses(Replies replies) {
        this.replies = replies;
    }

    void start(Job job) {
        addresses = new String[job.size];
        joined = new boolean[job.size];
        segments = job.segments;
        waiting.clear();
    }

    /**
     * A rank joined. data is what its hello said: {@code host:port}, {@code :port} for the host it
     * connects from (seen), or null for a rank without a data link.
     */
    void joined(int rank, String data, String seen) {
        joined[rank] = true;
        if (data != null && data.startsWith(":")) {
            addresses[rank] = seen == null ? null : (seen.contains(":") ? "[" + seen + "]" : seen) + data;
        } else {
            addresses[rank] = data;
        }
        for (var it = waiting.iterator(); it.hasNext(); ) {
            Waiting w = it.next();
            if (w.query().rank() == rank) {
                it.remove();
                answer(w.asker(), w.query());
            }
        }
    }

    void query(Job job, int asker, PeerQuery q) {
        if (q.rank() < 0 || q.rank() >= job.size) {
            replies.reply(asker, Reply.error(q.reqId(), ErrorInfo.mpi(MPI.ERR_RANK,
                    "rank " + q.rank() + " out of range [0, " + job.size + ")")));
        } else if (job.failed[q.rank()]) {
            replies.reply(asker, Reply.error(q.reqId(), ErrorInfo.failed(q.rank(), "rank " + q.rank() + " failed")));
        } else if (joined[q.rank()]) {
            answer(asker, q);
        } else {
            waiting.add(new Waiting(asker, q));
        }
    }

    private void answer(int asker, PeerQuery q) {
        String a = addresses[q.rank()];
        if (a == null) {
            replies.reply(asker, Reply.error(q.reqId(), ErrorInfo.mpi(MPI.ERR_OTHER, "rank " + q.rank()
                    + " has no data link: give every rank the same JMPI_DATA and transport")));
            return;
        }
        byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
        // both on this host, their segments mapped here: the asker may name blocks of its own segment
        // to the peer, which maps it, instead of sending their bytes
        String segment = segments[asker] != null ? segments[q.rank()] : null;
        ByteBuf[] parts = segment == null ? new ByteBuf[] {Unpooled.wrappedBuffer(bytes)}
                : new ByteBuf[] {Unpooled.wrappedBuffer(bytes), Unpooled.copiedBuffer(segment, StandardCharsets.UTF_8)};
        replies.reply(asker, Reply.message(q.reqId(), Reply.OK, q.rank(), 0, bytes.length, 0, parts));
    }

    /** A rank died: whoever asks after it learns so. */
    void failed(int rank) {
        for (var it = waiting.iterator(); it.hasNext(); ) {
            Waiting w = it.next();
            if (w.query().rank() == rank) {
                it.remove();
                replies.reply(w.asker(), Reply.error(w.query().reqId(), ErrorInfo.failed(rank, "rank " + rank + " failed")));
            }
        }
    }

    /** Forgets the questions of an asker that left. */
    void left(int rank) {
        waiting.removeIf(w -> w.asker() == rank);
    }
}
