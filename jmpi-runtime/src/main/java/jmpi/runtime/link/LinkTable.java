package jmpi.runtime.link;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import jmpi.Config;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.link.tcp.TcpTransport;
import jmpi.runtime.wire.Frame;

/**
 * A rank's links to the other ranks of its job: a listener that admits peers presenting the job
 * token, and one outgoing link per peer, connected on first use. A rank sends only on the links it
 * opened and reads only those opened to it, so two ranks that connect to each other at once never
 * need to agree which link to keep, and each sender's frames arrive in the order it sent them.
 */
public final class LinkTable implements AutoCloseable {
    /** What arrives from peers, on the links' event loop. */
    public interface Inbound {
        /** A frame from a peer that has shown the token; the frame's references pass to the callee. */
        void frame(int fromRank, Frame f);

        /** A peer's link closed before it said goodbye, or could not be opened: the peer is taken as failed. */
        void lost(int rank, Throwable why);
    }

    private final Config config;
    private final EventLoopGroup group;
    private final Transport.Listener listener;
    private final Inbound inbound;
    private final Map<Integer, PeerOut> out = new ConcurrentHashMap<>();
    /** The links peers opened to this rank, with the rank each came from (-1 before its hello). */
    private final Map<Channel, Integer> in = new ConcurrentHashMap<>();
    private volatile IntFunction<CompletableFuture<InetSocketAddress>> directory;
    private volatile boolean closed;

    private LinkTable(Config config, String bindHost, Inbound inbound) {
        this.config = config;
        this.inbound = inbound;
        this.group = ClientLoop.acquire();
        try {
            this.listener = TcpTransport.INSTANCE.listen(config, group, bindHost, 0,
                    ch -> PeerIn.install(ch, config, inbound, in));
        } catch (RuntimeException e) {
            ClientLoop.release();
            throw new MPIException(MPI.ERR_OTHER, "cannot listen for peers on " + bindHost + ": " + e.getMessage(), e);
        }
    }

    /** Listens on bindHost (any free port) for the job's other ranks. */
    public static LinkTable start(Config config, String bindHost, Inbound inbound) {
        return new LinkTable(config, bindHost, inbound);
    }

    /** Where peers reach this rank, for its hello: {@code host:port}, or {@code :port} when bound to every address. */
    public String advertised() {
        InetSocketAddress a = listener.address();
        if (a.getAddress() == null || a.getAddress().isAnyLocalAddress()) {
            return ":" + a.getPort();
        }
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** How to find a peer's address: asked once per peer, on its first message. */
    public void directory(IntFunction<CompletableFuture<InetSocketAddress>> lookup) {
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
        return out.computeIfAbsent(rank, r -> new PeerOut(config, group, r, directory, inbound)).send(f);
    }

    /** Whether the caller is the links' own thread, which must never wait for them. */
    public boolean onLinksThread() {
        return group.next().inEventLoop();
    }

    /**
     * Stops (or resumes) reading what a rank sends: while this rank holds too much of it unreceived,
     * the rank's link fills and its sender waits.
     */
    public void pause(int rank, boolean paused) {
        in.forEach((ch, from) -> {
            if (from == rank) {
                ch.config().setAutoRead(!paused);
            }
        });
    }

    /** Says goodbye on every link this rank opened, closes them and stops listening. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (PeerOut p : out.values()) {
            p.close();
        }
        listener.close();
        for (Channel ch : in.keySet()) {
            ch.close().awaitUninterruptibly(5, java.util.concurrent.TimeUnit.SECONDS);
        }
        ClientLoop.release();
    }
}
