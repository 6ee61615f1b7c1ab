package jmpi.runtime.link;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.BooleanSupplier;
import jmpi.Config;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.link.shm.Arena;
import jmpi.runtime.link.shm.Pipe;
import jmpi.runtime.link.shm.ShmLink;
import jmpi.runtime.wire.Bye;
import jmpi.runtime.wire.Frame;
import jmpi.runtime.wire.FrameCodec;
import jmpi.runtime.wire.Hello;

/**
 * This rank's link to one peer over plain TCP: connected on the first send and introduced with the job
 * token. A sender writes its frame to the socket itself, without waiting; what the socket cannot take
 * at once waits here, in order, and {@link PeerWriter} writes it as the socket drains. To a peer on
 * this host the frames after the hello go through a shared-memory {@link Pipe} instead, the socket
 * only ringing ({@link PipeChannel}). Senders other than the threads that must never wait (see
 * mustNotWait) wait while more than JMPI_SERIAL_QUEUE bytes wait here, as MPI allows, rather than the
 * memory of both ranks growing.
 */
final class PolledOut implements PeerWriter.Writable {
    static final long CONNECT_TIMEOUT_MS = 5000;
    private static final CompletableFuture<Void> WRITTEN = CompletableFuture.completedFuture(null);

    private final Config config;
    private final int rank;
    private final PeerWriter writer;
    private final LinkTable.Inbound inbound;
    private final BooleanSupplier mustNotWait;
    private final WaitingFrames queued = new WaitingFrames();
    private SocketChannel channel;
    /** Where frames are written once the link is open: the socket, or the pipe to a peer on this host. */
    private GatheringByteChannel sink;
    /** The pipe to a peer on this host, made before the hello names it; else null. */
    private Pipe pipe;
    private boolean open;
    private boolean writerOwns;
    private Throwable broken;
    private volatile long connectDeadline = Long.MAX_VALUE;
    /** This rank's segment, when the peer maps it; set on connecting, before any frame is encoded for the socket. */
    private final Arena arena;
    private volatile ShmLink shm;

    PolledOut(Config config, PeerWriter writer, int rank, IntFunction<CompletableFuture<PeerLocation>> directory,
            LinkTable.Inbound inbound, BooleanSupplier mustNotWait, Arena arena) {
        this.arena = arena;
        this.config = config;
        this.writer = writer;
        this.rank = rank;
        this.inbound = inbound;
        this.mustNotWait = mustNotWait;
        // the directory may answer at once, and connect or fail the link before this returns
        MPIException nowhere = PeerAddress.lookUp(directory, rank, this::connect, this::failed);
        if (nowhere != null) {
            broken = nowhere;
        }
    }

    private void connect(PeerLocation where) {
        InetSocketAddress address = where.address();
        if (arena != null && where.sharedMemory()) {
            shm = ShmLink.toPeer(arena);
            pipe = Pipe.create();
        }
        try {
            SocketChannel ch = SocketChannel.open();
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            synchronized (this) {
                channel = ch;
            }
            connectDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CONNECT_TIMEOUT_MS);
            if (ch.connect(new InetSocketAddress(address.getHostString(), address.getPort()))) {
                connected(ch);
            } else {
                writer.connecting(ch, this);
            }
        } catch (IOException | RuntimeException e) {
            failed(new MPIException(MPI.ERR_OTHER, "cannot reach rank " + rank + " at " + address + ": " + e.getMessage(), e));
        }
    }

    @Override
    public long connectDeadline() {
        return connectDeadline;
    }

    @Override
    public void connected(SocketChannel ch) {
        Hello hello = new Hello(FrameCodec.VERSION, config.rank(), config.size(), config.token(),
                shm == null ? null : arena.name(), null, null, pipe == null ? null : pipe.name());
        synchronized (this) {
            if (broken != null) {
                return;
            }
            if (pipe == null) {
                queued.first(WaitingFrames.encode(hello, null));
                sink = ch;
            } else if (!helloThrough(ch, hello)) {
                return;
            }
            open = true;
            writerOwns = true;
            if (!drain()) {
                return;
            }
        }
        handOver();
    }

    /** Writes the hello, a link's one frame on its socket when a pipe carries the rest; false if it broke. */
    private boolean helloThrough(SocketChannel ch, Hello hello) {
        ByteBuf[] bufs = WaitingFrames.encode(hello, null);
        try {
            if (!Gather.write(ch, bufs)) {
                throw new IOException("a new connection took less than the hello");
            }
        } catch (IOException e) {
            brokenBy(e);
            return false;
        } finally {
            WaitingFrames.release(bufs);
        }
        sink = new PipeChannel(pipe, ch);
        return true;
    }

    synchronized boolean piped() {
        return sink instanceof PipeChannel;
    }

    /** Lets the writer finish what waits: when the socket has room, or when the reader says the pipe has. */
    private void handOver() {
        if (piped()) {
            writer.roomAwaited(channel, this);
        } else {
            writer.pending(channel, this);
        }
    }

    /** Sends f; completes once its last byte is with the socket. */
    CompletableFuture<Void> send(Frame f) {
        if (!mustNotWait.getAsBoolean()) {
            awaitRoom();
        }
        return enqueue(f);
    }

    /** Writes f now, as far as the socket takes it, and queues the rest behind what waits already. */
    private CompletableFuture<Void> enqueue(Frame f) {
        ByteBuf[] bufs;
        try {
            // the hello, which names the segment to the peer, goes ahead of every frame that names a block
            bufs = WaitingFrames.encode(f, shm);
        } finally {
            ReferenceCountUtil.release(f);
        }
        boolean handOver;
        CompletableFuture<Void> sent;
        synchronized (this) {
            if (broken != null) {
                WaitingFrames.release(bufs);
                return CompletableFuture.failedFuture(broken);
            }
            if (open && queued.isEmpty()) {
                try {
                    if (Gather.write(sink, bufs)) {
                        WaitingFrames.release(bufs);
                        return WRITTEN;
                    }
                } catch (IOException e) {
                    WaitingFrames.release(bufs);
                    brokenBy(e);
                    return CompletableFuture.failedFuture(broken);
                }
            }
            sent = queued.add(bufs);
            handOver = open && !writerOwns;
            writerOwns |= handOver;
        }
        if (handOver) {
            handOver();
        }
        return sent;
    }

    @Override
    public synchronized boolean drain() {
        try {
            if (queued.writeTo(sink)) {
                return true;
            }
        } catch (IOException e) {
            brokenBy(e);
        }
        writerOwns = false;
        notifyAll();
        return false;
    }

    @Override
    public void broken(IOException e) {
        brokenBy(e);
    }

    private void awaitRoom() {
        synchronized (this) {
            while (broken == null && queued.bytes() >= config.serialQueue()) {
                try {
                    // woken when the link drains or breaks; the timeout only bounds a missed wake-up
                    wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new MPIException(MPI.ERR_OTHER, "interrupted while waiting to send to rank " + rank, e);
                }
            }
        }
    }

    /** The peer closed the link (it finalized, or failed, which its own link to this rank tells) or it broke. */
    private synchronized void brokenBy(IOException e) {
        if (broken == null) {
            broken = new MPIException(MPI.ERR_OTHER, "rank " + rank + " has finalized or failed", e);
        }
        failQueued(broken);
    }

    @Override
    public void failed(Throwable cause) {
        // the writer reports a connection that failed as the socket saw it: say which rank it was for
        Throwable why = cause instanceof MPIException ? cause
                : new MPIException(MPI.ERR_OTHER, "cannot reach rank " + rank + ": " + cause.getMessage(), cause);
        synchronized (this) {
            if (broken == null) {
                broken = why;
            }
            failQueued(broken);
        }
        inbound.lost(rank, why);
    }

    private void failQueued(Throwable why) {
        queued.fail(why);
        writerOwns = false;
        notifyAll();
    }

    /**
     * Says goodbye once all before it is written (within 5 s), then closes. The goodbye does not wait
     * for room: a peer that reads nothing more must not hold this rank's finalize.
     */
    void close() {
        CompletableFuture<Void> bye = open() ? enqueue(new Bye()) : WRITTEN;
        try {
            bye.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the peer is gone or slow: closing goes on either way
        }
        SocketChannel ch;
        synchronized (this) {
            if (broken == null) {
                broken = new MPIException(MPI.ERR_COMM, "this rank has finalized");
            }
            failQueued(broken);
            ch = channel;
        }
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // closing: the socket goes either way
            }
        }
        if (pipe != null) {
            pipe.remove();
        }
    }

    private synchronized boolean open() {
        return open && broken == null;
    }
}
