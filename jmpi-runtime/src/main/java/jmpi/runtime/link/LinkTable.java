package jmpi.runtime.link;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import jmpi.Config;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.wire.Frame;

/**
 * A rank's links to the other ranks of its job: a listener that admits peers presenting the job
 * token, and one outgoing link per peer, connected on first use. A rank sends only on the links it
 * opened and reads only those opened to it, so two ranks that connect to each other at once never
 * need to agree which link to keep, and each sender's frames arrive in the order it sent them.
 * Plain TCP links are driven by the rank's own threads ({@link PolledLinks}); TLS links by Netty.
 */
public final class LinkTable implements AutoCloseable {
    /** What arrives from peers, on the thread that reads the links. */
    public interface Inbound {
        /** A frame from a peer that has shown the token; the frame's references pass to the callee. */
        void frame(int fromRank, Frame f);

        /** A peer's link closed before it said goodbye, or could not be opened: the peer is taken as failed. */
        void lost(int rank, Throwable why);
    }

    private final PeerLinks links;
    private volatile IntFunction<CompletableFuture<PeerLocation>> directory;
    private volatile boolean closed;

    private LinkTable(PeerLinks links) {
        this.links = links;
    }

    /** Listens on bindHost (any free port) for the job's other ranks. */
    public static LinkTable start(Config config, String bindHost, Inbound inbound) {
        return new LinkTable(config.ssl() ? new NettyLinks(config, bindHost, inbound)
                : new PolledLinks(config, bindHost, inbound));
    }

    /** Where peers reach this rank, for its hello: {@code host:port}, or {@code :port} when bound to every address. */
    public String advertised() {
        InetSocketAddress a = links.address();
        if (a.getAddress() == null || a.getAddress().isAnyLocalAddress()) {
            return ":" + a.getPort();
        }
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** How to find a peer's address: asked once per peer, on its first message. */
    public void directory(IntFunction<CompletableFuture<PeerLocation>> lookup) {
        this.directory = lookup;
    }

    /**
     * Sends a frame to a rank, in order after the frames sent to it before; the frame's references
     * pass to the link. Completes once written, or fails if the peer cannot be reached.
     */
    public CompletableFuture<Void> send(int rank, Frame f) {
        if (closed) {
            io.netty.util.ReferenceCountUtil.release(f);
            return CompletableFuture.failedFuture(new MPIException(MPI.ERR_COMM, "this rank has finalized"));
        }
        return links.send(rank, f, directory);
    }

    /** Whether the frames to rank go through a shared-memory pipe: a plain TCP link to a peer of this host. */
    boolean piped(int rank) {
        return links instanceof PolledLinks p && p.piped(rank);
    }

    /** How many links peers opened to this rank are open (of plain TCP links; else -1). */
    int linksIn() {
        return links instanceof PolledLinks p ? p.linksIn() : -1;
    }

    /** Whether the caller is a thread of the links (one that reads or writes them), which must never wait for them. */
    public boolean onLinksThread() {
        return links.onLinksThread();
    }

    /**
     * Stops (or resumes) reading what a rank sends: while this rank holds too much of it unreceived,
     * the rank's link fills and its sender waits.
     */
    public void pause(int rank, boolean paused) {
        links.pause(rank, paused);
    }

    /** What a thread about to wait for a message from a peer does meanwhile: reads the links itself, where it can. */
    public Driver driver() {
        return links.driver();
    }

    /**
     * Large parts to peers that map this rank's shared-memory segment go there, named in their frames,
     * instead of through the socket; null keeps every byte on the sockets.
     */
    public void shareMemory(jmpi.runtime.link.shm.Arena arena) {
        links.shareMemory(arena);
    }

    /** Says goodbye on every link this rank opened, closes them and stops listening. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        links.close();
    }
}
