package jmpi.runtime.link;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import jmpi.Config;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.link.shm.Arena;
import jmpi.runtime.wire.Frame;

/**
 * Peer links on plain sockets, driven by the rank's own threads: a sender writes, a waiting caller
 * reads (see {@link PolledPeers}), and a thread is woken only for what nobody does at once.
 */
final class PolledLinks implements PeerLinks {
    private final Config config;
    private final LinkTable.Inbound inbound;
    private final PolledPeers peers;
    private final PeerWriter writer;
    private final Map<Integer, PolledOut> out = new ConcurrentHashMap<>();
    private volatile Arena arena;

    PolledLinks(Config config, String bindHost, LinkTable.Inbound inbound) {
        this.config = config;
        this.inbound = inbound;
        try {
            this.peers = new PolledPeers(config, bindHost, inbound);
        } catch (IOException | RuntimeException e) {
            throw new MPIException(MPI.ERR_OTHER, "cannot listen for peers on " + bindHost + ": " + e.getMessage(), e);
        }
        try {
            this.writer = new PeerWriter("jmpi-peer-writer-" + config.rank());
        } catch (IOException e) {
            peers.close();
            throw new MPIException(MPI.ERR_OTHER, "cannot start the peer links' writer: " + e.getMessage(), e);
        }
    }

    @Override
    public InetSocketAddress address() {
        return peers.address();
    }

    @Override
    public CompletableFuture<Void> send(int rank, Frame f, IntFunction<CompletableFuture<PeerLocation>> directory) {
        return out.computeIfAbsent(rank, r -> new PolledOut(config, writer, r, directory, inbound,
                this::onLinksThread, arena)).send(f);
    }

    /** Whether the frames to rank go through a shared-memory pipe (known once the link is connected). */
    boolean piped(int rank) {
        PolledOut o = out.get(rank);
        return o != null && o.piped();
    }

    int linksIn() {
        return peers.linksIn();
    }

    @Override
    public boolean onLinksThread() {
        return LinkThreads.busy();
    }

    @Override
    public void pause(int rank, boolean paused) {
        peers.pause(rank, paused);
    }

    @Override
    public void shareMemory(Arena arena) {
        this.arena = arena;
    }

    @Override
    public Driver driver() {
        return peers.driver;
    }

    @Override
    public void close() {
        for (PolledOut p : out.values()) {
            p.close();
        }
        writer.close();
        peers.close();
    }
}
