package jmpi.runtime.coordinator;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jmpi.Config;
import jmpi.Coordinator;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.serial.ObjectSerializer;
import jmpi.runtime.transport.tcp.Transports;
import jmpi.runtime.wire.FrameSizeEstimator;

/**
 * The coordinator on TCP: one event loop thread accepts ranks and runs the {@link Engine}, so
 * matching needs no locks.
 */
public final class CoordinatorServer implements Coordinator {
    private static final System.Logger LOG = System.getLogger(CoordinatorServer.class.getName());

    private final EventLoopGroup group;
    private final Channel server;
    private final Engine engine;
    private final ChannelGroup connections;
    private StatusPage statusPage;

    private CoordinatorServer(EventLoopGroup group, Channel server, Engine engine, ChannelGroup connections) {
        this.group = group;
        this.server = server;
        this.engine = engine;
        this.connections = connections;
    }

    /** The coordinator's view of what waits for what, as JSON (see docs/protocol.md). */
    public CompletableFuture<String> status() {
        CompletableFuture<String> f = new CompletableFuture<>();
        server.eventLoop().execute(() -> f.complete(engine.statusJson()));
        return f;
    }

    /**
     * Starts listening on host:config.port(). An embedded coordinator knows its job's size; a
     * standalone one ({@code expectedSize} 0) learns it from the first rank.
     */
    public static CoordinatorServer start(Config config, String host, int expectedSize) {
        ObjectSerializer serial = new ObjectSerializer(config.serial(), loader());
        Engine engine = new Engine(serial, config.token(), expectedSize);
        EventLoopGroup group = Transports.newGroup(1, "jmpi-coordinator");
        // every connection, so that closing the coordinator closes them all (ranks then fail fast)
        ChannelGroup connections = new DefaultChannelGroup("jmpi-ranks", group.next());
        try {
            ServerBootstrap b = new ServerBootstrap()
                    .group(group)
                    .channel(Transports.serverChannel())
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.MESSAGE_SIZE_ESTIMATOR, FrameSizeEstimator.INSTANCE)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                            new WriteBufferWaterMark(Math.min(config.serialQueue() / 2, 1 << 20), config.serialQueue()))
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            connections.add(ch);
                            Transports.addCodec(ch.pipeline(), config.serialSize());
                            ch.pipeline().addLast("coordinator", new CoordinatorHandler(engine));
                        }
                    });
            Channel ch = b.bind(host, config.port()).syncUninterruptibly().channel();
            LOG.log(System.Logger.Level.DEBUG, "coordinator listening on {0}", ch.localAddress());
            long warnAfter = config.hangWarning().toNanos();
            long period = Math.max(100, Math.min(1000, config.hangWarning().toMillis() / 2));
            ch.eventLoop().scheduleAtFixedRate(() -> engine.warnAboutWaits(warnAfter), period, period,
                    TimeUnit.MILLISECONDS);
            CoordinatorServer cs = new CoordinatorServer(group, ch, engine, connections);
            if (config.statusPort() > 0) {
                cs.statusPage = StatusPage.start(host, config.statusPort(), cs::status);
            }
            return cs;
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new MPIException(MPI.ERR_OTHER, "cannot start the coordinator on " + host + ":" + config.port()
                    + ": " + e, e);
        }
    }

    private static ClassLoader loader() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return cl != null ? cl : ClassLoader.getSystemClassLoader();
    }

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    /** Completes when every rank of the current job has left. */
    public CompletableFuture<Void> jobDone() {
        CompletableFuture<CompletableFuture<Void>> f = new CompletableFuture<>();
        server.eventLoop().execute(() -> f.complete(engine.jobDone()));
        return f.thenCompose(x -> x);
    }

    @Override
    public void close() {
        if (statusPage != null) {
            statusPage.close();
        }
        server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
