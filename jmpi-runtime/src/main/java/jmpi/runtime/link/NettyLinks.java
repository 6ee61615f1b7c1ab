package jmpi.runtime.link;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import jmpi.Config;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.link.tcp.TcpTransport;
import jmpi.runtime.wire.Frame;

/** Peer links carried by Netty on the process's client loop: the way for TLS, which Netty's handler speaks. */
final class NettyLinks implements PeerLinks {
    private final Config config;
    private final EventLoopGroup group;
    private final Transport.Listener listener;
    private final LinkTable.Inbound inbound;
    private final Map<Integer, PeerOut> out = new ConcurrentHashMap<>();
    /** The links peers opened to this rank, with the rank each came from (-1 before its hello). */
    private final Map<Channel, Integer> in = new ConcurrentHashMap<>();

    NettyLinks(Config config, String bindHost, LinkTable.Inbound inbound) {
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

    @Override
    public InetSocketAddress address() {
        return listener.address();
    }

    @Override
    public CompletableFuture<Void> send(int rank, Frame f, IntFunction<CompletableFuture<PeerLocation>> directory) {
        return out.computeIfAbsent(rank, r -> new PeerOut(config, group, r, directory, inbound)).send(f);
    }

    @Override
    public boolean onLinksThread() {
        return group.next().inEventLoop();
    }

    @Override
    public void pause(int rank, boolean paused) {
        in.forEach((ch, from) -> {
            if (from == rank) {
                ch.config().setAutoRead(!paused);
            }
        });
    }

    @Override
    public Driver driver() {
        return Driver.NONE;
    }

    @Override
    public void close() {
        for (PeerOut p : out.values()) {
            p.close();
        }
        listener.close();
        for (Channel ch : in.keySet()) {
            ch.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        ClientLoop.release();
    }
}
