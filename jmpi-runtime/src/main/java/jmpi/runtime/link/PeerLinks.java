package jmpi.runtime.link;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import jmpi.runtime.wire.Frame;

/**
 * How a {@link LinkTable} moves frames to and from its peers: through Netty's event loop (TLS), or on
 * plain sockets that the rank's own threads read and write ({@link PolledLinks}).
 */
interface PeerLinks {
    /** Where this rank listens for its peers. */
    InetSocketAddress address();

    /** Sends f to rank on the link this rank opened to it, opening it first through directory. */
    CompletableFuture<Void> send(int rank, Frame f, IntFunction<CompletableFuture<PeerLocation>> directory);

    /** Whether the calling thread is one that reads or writes the links, and so must never wait for them. */
    boolean onLinksThread();

    /** Stops (or resumes) reading what rank sends. */
    void pause(int rank, boolean paused);

    /** What a thread about to wait for a message from a peer may do meanwhile. */
    Driver driver();

    /** Large parts to peers on this host may go through arena, this rank's shared-memory segment (null: none). */
    default void shareMemory(jmpi.runtime.link.shm.Arena arena) {
    }

    /** Says goodbye on every link this rank opened, closes them and stops listening. */
    void close();
}
