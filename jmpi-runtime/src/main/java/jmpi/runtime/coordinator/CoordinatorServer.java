package jmpi.runtime.coordinator;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jmpi.Config;
import jmpi.Coordinator;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.serial.ObjectSerializer;
import jmpi.runtime.link.Netty;
import jmpi.runtime.link.Transport;
import jmpi.runtime.link.Transports;

/**
 * The coordinator, on the transport JMPI_PROTO names: one event loop thread serves every rank and runs
 * the {@link Engine}, so matching needs no locks.
 */
public final class CoordinatorServer implements Coordinator {
    private static final System.Logger LOG = System.getLogger(CoordinatorServer.class.getName());

    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Transport.Listener listener;
    private final Engine engine;
    private final ChannelGroup connections;
    private StatusPage statusPage;
    private StatusDoor statusDoor;

    private CoordinatorServer(EventLoopGroup group, EventLoop loop, Transport.Listener listener, Engine engine,
                              ChannelGroup connections) {
        this.group = group;
        this.loop = loop;
        this.listener = listener;
        this.engine = engine;
        this.connections = connections;
    }

    /** The coordinator's view of what waits for what, as JSON (see docs/protocol.md). */
    public CompletableFuture<String> status() {
        CompletableFuture<String> f = new CompletableFuture<>();
        loop.execute(() -> f.complete(engine.statusJson()));
        return f;
    }

    /**
     * The roll-call as text, with what each rank says it waits for on its links and, with threads,
     * every rank's threads (each rank has 5 s to answer).
     */
    public CompletableFuture<String> rollCall(boolean threads) {
        CompletableFuture<String> f = new CompletableFuture<>();
        loop.execute(() -> {
            int id = engine.askRanks(threads, f);
            loop.schedule(() -> engine.threadDumps().due(id), 5, TimeUnit.SECONDS);
        });
        return f;
    }

    /**
     * Opens the roll-call to {@code jmpirun --status} on a loopback port, for requests that show token;
     * returns the port.
     */
    public int openStatusDoor(String token) {
        try {
            statusDoor = StatusDoor.open(token, this::rollCall);
            return statusDoor.port();
        } catch (java.io.IOException e) {
            throw new MPIException(MPI.ERR_OTHER, "cannot open the status door on loopback: " + e, e);
        }
    }

    @Override
    public String rollCall() {
        if (loop.isShuttingDown()) {
            return "the coordinator has stopped";
        }
        CompletableFuture<String> f = new CompletableFuture<>();
        loop.execute(() -> f.complete(engine.rollCall()));
        try {
            return f.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "no roll-call: interrupted";
        } catch (ExecutionException | TimeoutException e) {
            return "no roll-call: " + e;
        }
    }

    /**
     * Starts listening on host:config.port(). An embedded coordinator knows its job's size; a
     * standalone one ({@code expectedSize} 0) learns it from the first rank.
     */
    public static CoordinatorServer start(Config config, String host, int expectedSize) {
        ObjectSerializer serial = new ObjectSerializer(config.serial(), loader(), config.serialSize());
        Engine engine = new Engine(serial, config.token(), expectedSize, config.serialQueue());
        engine.acceptShm(config.shm() > 0 && "tcp".equals(config.proto()));
        EventLoopGroup group = Netty.newGroup(1, "jmpi-coordinator");
        // every connection, so that closing the coordinator closes them all (ranks then fail fast)
        ChannelGroup connections = new DefaultChannelGroup("jmpi-ranks", group.next());
        try {
            Transport transport = Transports.of(config);
            Transport.Listener listener = transport.listen(config, group, host, config.port(), ch -> {
                connections.add(ch);
                ch.pipeline().addLast("coordinator", new CoordinatorHandler(engine));
            });
            EventLoop loop = group.next();
            LOG.log(System.Logger.Level.DEBUG, "coordinator listening on {0} ({1})", listener.address(),
                    transport.name());
            long warnAfter = config.hangWarning().toNanos();
            long period = Math.max(100, Math.min(1000, config.hangWarning().toMillis() / 2));
            loop.scheduleAtFixedRate(() -> engine.warnAboutWaits(warnAfter), period, period,
                    TimeUnit.MILLISECONDS);
            Duration timeout = config.opTimeout();
            if (!timeout.isZero()) {
                // checked four times per timeout, so that nothing waits much past it
                long every = Math.max(20, Math.min(1000, timeout.toMillis() / 4));
                loop.scheduleAtFixedRate(() -> engine.failOverdue(timeout), every, every, TimeUnit.MILLISECONDS);
            }
            CoordinatorServer cs = new CoordinatorServer(group, loop, listener, engine, connections);
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
        return listener.address();
    }

    /** Completes when every rank of the current job has left. */
    public CompletableFuture<Void> jobDone() {
        CompletableFuture<CompletableFuture<Void>> f = new CompletableFuture<>();
        loop.execute(() -> f.complete(engine.jobDone()));
        return f.thenCompose(x -> x);
    }

    @Override
    public void close() {
        if (statusPage != null) {
            statusPage.close();
        }
        if (statusDoor != null) {
            statusDoor.close();
        }
        listener.close();
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
