package jmpi.runtime.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import jmpi.MPIException;
import jmpi.runtime.link.shm.Arena;
import jmpi.runtime.wire.Frame;
import jmpi.runtime.wire.Reply;

/**
 * Where a communicator's calls go: the coordinator over the network, or a coordinator inside this
 * process (which the client reaches through this interface like any other).
 */
public interface Link extends Driver {
    /** A new request id, unique on this link. */
    int nextId();

    /** Sends a frame whose reply goes to onReply. */
    void send(Frame f, int reqId, Consumer<Reply> onReply);

    /** Sends a frame that gets no reply; completes once it is handed off. */
    CompletableFuture<Void> sendOneWay(Frame f);

    /** Asks to cancel a pending receive or probe. */
    void cancel(int reqId);

    /** What the coordinator tells a rank unasked. */
    interface Watcher {
        /** A rank of the job failed. */
        void rankFailed(int rank);

        /** The link to the coordinator is gone (or this rank finalized): nothing more comes from it. */
        void lost(MPIException why);

        /** A communicator was revoked by a rank: what waits on it is to fail. */
        default void commRevoked(int comm, int byRank) {
        }

        /** A rank aborted the job with code: every process of it is to exit with that code. */
        default void aborted(int rank, int code) {
        }
    }

    /** Tells watcher what the coordinator says unasked, from now on, besides any watcher told before. */
    default void watch(Watcher watcher) {
    }

    /**
     * As {@link #watch}, but told before every watcher told before: for what the program's next call
     * must see once another watcher has woken it.
     */
    default void watchFirst(Watcher watcher) {
        watch(watcher);
    }

    /**
     * Something of this rank waits elsewhere (delta 1) or has stopped waiting (-1), on its links to
     * its peers: a link that reads only for its own requests keeps reading meanwhile, so that the
     * loss of the coordinator or word of a failed rank still reaches the watcher.
     */
    default void waitingElsewhere(int delta) {
    }

    /**
     * Where this rank's answer to the coordinator's {@link jmpi.runtime.wire.RankQuery} finds what the
     * rank waits for on its links to its peers, a line each.
     */
    default void reportWaits(java.util.function.Supplier<java.util.List<String>> waits) {
    }

    /** No coordinator yet: nothing to tell, nothing to send. */
    final class Detached implements Link {
        @Override
        public int nextId() {
            return 0;
        }

        @Override
        public void send(Frame f, int reqId, Consumer<Reply> onReply) {
            throw new IllegalStateException("no coordinator to send " + f.type() + " to");
        }

        @Override
        public CompletableFuture<Void> sendOneWay(Frame f) {
            throw new IllegalStateException("no coordinator to send " + f.type() + " to");
        }

        @Override
        public void cancel(int reqId) {
        }
    }

    /** This rank's shared-memory segment for large payloads, while the coordinator shares its host; else null. */
    default Arena sharedArena() {
        return null;
    }

    /** Says goodbye after finalizing and closes; returns once closed. */
    default void leave() {
    }

    /**
     * Closes without a goodbye, as the process ends without finalizing: the coordinator then counts this
     * rank as failed, at once rather than when the process is gone.
     */
    default void abort(int rank, int code) {
        abandon();
    }

    default void abandon() {
    }

    /**
     * How this link reaches its coordinator, as Flight Recorder's operation events name it: the transport
     * that made the connection, with the TLS protocol when its bytes are encrypted ({@code tcp+TLSv1.3}),
     * or {@code in-process} for a coordinator inside this process.
     */
    default String carrier() {
        return "in-process";
    }

    /** A buffer for len bytes of an outgoing payload, which the frame's write releases. */
    default ByteBuf newPart(int len) {
        return ByteBufAllocator.DEFAULT.directBuffer(len, len);
    }
}
