package jmpi.runtime.client;

import io.netty.channel.EventLoopGroup;
import java.util.concurrent.TimeUnit;
import jmpi.Comm;
import jmpi.Config;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Session;
import jmpi.runtime.coordinator.CoordinatorServer;
import jmpi.runtime.serial.ObjectSerializer;
import jmpi.runtime.transport.Netty;

/** A rank connected to its job; rank 0 also hosts the coordinator unless the job names one. */
public final class ClientSession implements Session {
    private static final System.Logger LOG = System.getLogger(ClientSession.class.getName());
    /** Shared by the open sessions of the process: replies are decoded here, off the program's threads. */
    private static EventLoopGroup loop;
    private static int loopUsers;

    private final Config config;
    private final ObjectSerializer serial;
    private final CoordinatorServer embedded;
    private final RemoteLink connection;
    /** Whether this session holds the shared event loop (its connection is a Netty channel). */
    private final boolean usesLoop;
    private final ClientComm world;
    private final ClientComm self;
    private volatile boolean closed;

    private ClientSession(Config config) {
        this.config = config;
        this.serial = new ObjectSerializer(config.serial(), loader());
        String host = config.addr();
        int port = config.port();
        CoordinatorServer server = null;
        if (host == null && config.rank() == 0) {
            server = CoordinatorServer.start(config, "127.0.0.1", config.size());
            port = server.address().getPort();
        }
        this.embedded = server;
        String target = host == null ? "127.0.0.1" : host;
        this.usesLoop = !callerDriven(config);
        try {
            this.connection = usesLoop ? Connection.open(config, acquireLoop(), target, port)
                    : SocketConnection.open(config, target, port);
        } catch (RuntimeException e) {
            if (usesLoop) {
                releaseLoop();
            }
            if (server != null) {
                server.close();
            }
            throw e;
        }
        this.world = new ClientComm(this, connection, 0, config.rank(), config.size());
        // COMM_SELF never touches the network: a coordinator of its own, in this process
        this.self = new ClientComm(this, new LocalLink(serial), 0, 0, 1);
    }

    /**
     * Plain TCP connections are read and written by the calling threads themselves; TLS and the other
     * transports go through Netty. {@code -Djmpi.nettyClient=true} makes TCP go through Netty too.
     */
    private static boolean callerDriven(Config config) {
        return "tcp".equals(config.proto()) && !config.ssl() && !Boolean.getBoolean("jmpi.nettyClient");
    }

    private static synchronized EventLoopGroup acquireLoop() {
        if (loopUsers++ == 0) {
            loop = Netty.newGroup(1, "jmpi-client");
        }
        return loop;
    }

    /**
     * The last session to close stops the loop and waits for its thread: the JVM's exit waits up to
     * 0.3 s for threads inside native code, and an idle loop sits in epoll_wait.
     */
    private static synchronized void releaseLoop() {
        if (--loopUsers == 0) {
            EventLoopGroup g = loop;
            loop = null;
            g.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    /** Connects as config.rank() of config.size(). */
    public static ClientSession connect(Config config) {
        return new ClientSession(config);
    }

    private static ClassLoader loader() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return cl != null ? cl : ClassLoader.getSystemClassLoader();
    }

    ObjectSerializer serial() {
        return serial;
    }

    void checkOpen() {
        if (closed) {
            throw new MPIException(MPI.ERR_COMM, "this rank has finalized");
        }
    }

    @Override
    public Comm world() {
        return world;
    }

    @Override
    public Comm self() {
        return self;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            world.barrier();
        } catch (MPIException e) {
            LOG.log(System.Logger.Level.DEBUG, "finalize without the other ranks: " + e.getMessage());
        }
        closed = true;
        // taken before leaving: once the last rank leaves, the coordinator starts waiting for a new job
        java.util.concurrent.CompletableFuture<Void> jobDone = embedded == null ? null : embedded.jobDone();
        connection.leave();
        if (usesLoop) {
            releaseLoop();
        }
        if (embedded != null) {
            // the coordinator must outlive the other ranks' goodbyes; they are all past the barrier
            try {
                jobDone.get(config.waitTime().toMillis() + 5000, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "ranks still connected at finalize: " + e);
            }
            embedded.close();
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "Session[rank=" + config.rank() + ", size=" + config.size() + "]";
    }
}
