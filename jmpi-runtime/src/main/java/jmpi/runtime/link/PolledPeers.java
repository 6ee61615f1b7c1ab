package jmpi.runtime.link;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import jmpi.Config;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.wire.Frame;

/**
 * The links peers opened to this rank over plain TCP, and who reads them: one thread at a time, under
 * the routing lock. A caller about to wait reads them itself for a while ({@link SpinningDriver}), so
 * that a message and the thread waiting for it meet without a wake-up in between; otherwise the
 * rank's progress thread reads whatever arrives, so that messages nobody waits for yet are taken in
 * and a sender is never held up by a rank that computes.
 */
final class PolledPeers implements PolledIn.Frames {
    private static final System.Logger LOG = System.getLogger(PolledPeers.class.getName());
    /** How long the progress thread leaves reading to a spinning caller before it looks again. */
    private static final long SPINNER_TICK = TimeUnit.MILLISECONDS.toNanos(1);

    private final Config config;
    private final LinkTable.Inbound inbound;
    private final Selector selector;
    private final ServerSocketChannel server;
    private final Doorway doorway = new Doorway();
    /** Held by the one thread that reads the links and routes what they bring. */
    final ReentrantLock routing = new ReentrantLock();
    /** The links that have shown the token, which spinning callers read. */
    private final List<PolledIn> admitted = new CopyOnWriteArrayList<>();
    private final List<PolledIn> unadmitted = new ArrayList<>();
    private final Thread progress;
    final SpinningDriver driver;
    private volatile boolean closing;

    PolledPeers(Config config, String bindHost, LinkTable.Inbound inbound) throws IOException {
        this.config = config;
        this.inbound = inbound;
        this.selector = Selector.open();
        this.server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(bindHost, 0), 128);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            server.close();
            selector.close();
            throw e;
        }
        this.driver = new SpinningDriver(this, config.spin().toNanos());
        this.progress = new Thread(this::progressLoop, "jmpi-peers-" + config.rank());
        progress.setDaemon(true);
        progress.start();
    }

    InetSocketAddress address() {
        try {
            return (InetSocketAddress) server.getLocalAddress();
        } catch (IOException e) {
            throw new MPIException(MPI.ERR_OTHER, "the peer listener is closed", e);
        }
    }

    /** Reads every admitted link that is not paused, once; the caller holds the routing lock. */
    void readAdmitted() {
        for (PolledIn in : admitted) {
            if (!in.paused) {
                read(in, false);
            }
        }
    }

    /** Reads the pipes that have bytes, without a system call; the caller holds the routing lock. */
    private void readPipes() {
        for (PolledIn in : admitted) {
            if (!in.paused && in.pipeReadable()) {
                read(in, false);
            }
        }
    }


    /** How many admitted links are open. */
    int linksIn() {
        return admitted.size();
    }

    /** Stops (or resumes) reading what a rank sends; its link fills and the sender waits. */
    void pause(int rank, boolean paused) {
        for (PolledIn in : admitted) {
            if (in.rank == rank) {
                in.paused = paused;
                if (in.key.isValid()) {
                    in.key.interestOps(paused ? 0 : SelectionKey.OP_READ);
                }
            }
        }
        if (!paused) {
            selector.wakeup();
        }
    }

    /**
     * The progress thread: reads what arrives while no caller spins, and admits new links. While
     * callers spin it looks once a tick, without waiting, for what they do not read: new links, and
     * the links of a rank that several threads wait on.
     */
    private void progressLoop() {
        while (!closing) {
            boolean spun = driver.spinning();
            if (spun) {
                LockSupport.parkNanos(this, SPINNER_TICK);
            }
            try {
                selector.selectedKeys().clear();
                if (spun || !PolledIn.sleep(admitted)) {
                    selector.selectNow();
                } else {
                    selector.select(unadmitted.isEmpty() ? 0 : TimeUnit.SECONDS.toMillis(1));
                }
                PolledIn.awake(admitted);
            } catch (IOException | RuntimeException e) {
                if (!closing) {
                    LOG.log(System.Logger.Level.ERROR, "the peer links' selector failed: " + e);
                }
                return;
            }
            if (closing) {
                return;
            }
            route();
            try {
                serveSelected();
                readPipes();
                expireUnadmitted();
            } finally {
                endRoute();
            }
        }
    }

    private void serveSelected() {
        for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
            SelectionKey key = it.next();
            it.remove();
            if (!key.isValid()) {
                continue;
            }
            if (key.isAcceptable()) {
                accept();
            } else if (key.isReadable() && key.attachment() instanceof PolledIn in) {
                read(in, true);
            }
        }
    }

    /** Wakes the progress thread to read now: a spinning caller stopped before its message came. */
    void wakeProgress() {
        LockSupport.unpark(progress);
    }

    private void accept() {
        PolledIn in = PolledIn.accept(server, selector, config, doorway);
        if (in != null) {
            unadmitted.add(in);
        }
    }

    private void expireUnadmitted() {
        long now = System.nanoTime();
        for (PolledIn in : List.copyOf(unadmitted)) {
            if (in.closed() || in.admitted()) {
                unadmitted.remove(in);
            } else if (now - in.deadline > 0) {
                refused(in, "no job token within " + Doorway.DEADLINE_SECONDS + " s");
            }
        }
    }

    private void read(PolledIn in, boolean socketReady) {
        if (in.closed()) {
            return;
        }
        try {
            in.read(this, socketReady);
        } catch (IOException | RuntimeException e) {
            if (!in.admitted()) {
                refused(in, e instanceof java.io.EOFException ? "closed before showing the job token" : String.valueOf(e));
            } else {
                lose(in, e);
            }
        }
    }

    /** An admitted link ended: without a goodbye, its peer failed. */
    private void lose(PolledIn in, Throwable why) {
        try {
            if (!in.close() || closing || in.saidBye()) {
                return;
            }
            report(in, why);
        } finally {
            // after the report: a link counted as gone has been reported, if it failed
            admitted.remove(in);
        }
    }

    private void report(PolledIn in, Throwable why) {
        if (!(why instanceof IOException)) {
            // a malformed frame: this link goes, the rank and its other links stay
            LOG.log(System.Logger.Level.WARNING, "closing the link from rank " + in.rank + " at " + in.remote() + ": "
                    + Breakage.of(why));
        }
        inbound.lost(in.rank, new MPIException(MPI.ERR_OTHER, "the link from rank " + in.rank
                + " closed before it finalized", why));
    }

    @Override
    public void frame(int rank, Frame f) {
        inbound.frame(rank, f);
    }

    @Override
    public void refused(PolledIn in, String why) {
        java.net.SocketAddress from = in.remote();
        java.net.SocketAddress to = in.local();
        if (!in.close()) {
            return;
        }
        unadmitted.remove(in);
        doorway.leave();
        doorway.refused(from, to, why);
    }

    @Override
    public void admitted(PolledIn in) {
        unadmitted.remove(in);
        doorway.leave();
        admitted.add(in);
    }

    /** Stops listening and reading, and closes every link opened to this rank. */
    void close() {
        closing = true;
        selector.wakeup();
        LockSupport.unpark(progress);
        try {
            progress.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        route();
        try {
            for (PolledIn in : admitted) {
                in.close();
            }
            for (PolledIn in : unadmitted) {
                in.close();
            }
            admitted.clear();
            unadmitted.clear();
            server.close();
            selector.close();
        } catch (IOException e) {
            // closing: the listener and selector go either way
        } finally {
            endRoute();
        }
    }

    /** Takes the routing lock, waiting for it. */
    void route() {
        routing.lock();
        LinkThreads.enter();
    }

    /** Takes the routing lock if it is free. */
    boolean tryRoute() {
        if (!routing.tryLock()) {
            return false;
        }
        LinkThreads.enter();
        return true;
    }

    void endRoute() {
        LinkThreads.leave();
        routing.unlock();
    }
}
