package jmpi.runtime.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import jmpi.Config;
import jmpi.runtime.link.shm.Pipe;
import jmpi.runtime.link.shm.Segment;
import jmpi.runtime.link.shm.ShmLink;
import jmpi.runtime.wire.Bye;
import jmpi.runtime.wire.Frame;
import jmpi.runtime.wire.FrameCodec;
import jmpi.runtime.wire.Hello;

/**
 * One link a peer opened to this rank, read by whoever holds {@link PolledPeers}' routing lock. Its
 * first frame must be a hello with the job token, at most a few KiB and within the doorway's deadline;
 * after that, frames may be as large as the job allows and go to the rank's inbound handler. A peer
 * on this host sends them through the shared-memory pipe its hello named, and its socket only rings
 * (see {@link PolledOut}).
 */
final class PolledIn {
    private static final System.Logger LOG = System.getLogger(PolledIn.class.getName());
    /** Reads of one link in a row before the others get their turn. */
    private static final int READS_PER_TURN = 4;

    final SocketChannel channel;
    final SelectionKey key;
    private final FrameReader reader;
    private final Config config;
    /** When an unadmitted link is closed, in System.nanoTime. */
    final long deadline;
    /** The peer's rank once its hello has shown the token, else -1. */
    volatile int rank = -1;
    volatile boolean paused;
    private boolean saidBye;
    /** The peer's shared-memory segment, mapped here once its hello named it; else null. */
    private ShmLink shm;
    /** The pipe the peer's frames come through after its hello, if its hello named one. */
    private PipeChannel pipe;
    private boolean closed;

    PolledIn(SocketChannel channel, SelectionKey key, Config config) {
        this.channel = channel;
        this.key = key;
        this.config = config;
        this.reader = new FrameReader(HandshakeGuard.LIMIT + 4, "a peer before its job token", ByteBufAllocator.DEFAULT,
                FrameReader.KEEP_PEER_BUFFER);
        this.deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Doorway.DEADLINE_SECONDS);
    }

    /**
     * Takes the next connection from server into selector, counted in at the doorway until its hello;
     * null if there is none, or too many wait already (the connection is then closed, with a line).
     */
    static PolledIn accept(ServerSocketChannel server, Selector selector, Config config, Doorway doorway) {
        SocketChannel ch;
        try {
            ch = server.accept();
        } catch (IOException e) {
            return null;
        }
        if (ch == null) {
            return null;
        }
        if (!doorway.enter()) {
            doorway.refused(address(ch, true), address(ch, false),
                    "more than " + Doorway.MAX_PENDING + " connections wait to show the job token");
            closeQuietly(ch);
            return null;
        }
        try {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            SelectionKey key = ch.register(selector, SelectionKey.OP_READ);
            PolledIn in = new PolledIn(ch, key, config);
            key.attach(in);
            return in;
        } catch (IOException e) {
            doorway.leave();
            closeQuietly(ch);
            return null;
        }
    }

    boolean admitted() {
        return rank >= 0;
    }

    boolean closed() {
        return closed;
    }

    /** What a link's reader is told of its frames. */
    interface Frames {
        /** A frame of an admitted link, references passing to the callee. */
        void frame(int rank, Frame f);

        /** The link's hello was refused: why, for the doorway's log. */
        void refused(PolledIn in, String why);

        /** The link's hello showed the token. */
        void admitted(PolledIn in);
    }

    /**
     * Reads what has arrived, a few reads at most, and passes on every whole frame; throws
     * {@link EOFException} once the peer has closed its end. Of a link with a pipe, the socket is read
     * only when socketReady says it has something: a ring, or its end.
     */
    void read(Frames to, boolean socketReady) throws IOException {
        if (pipe == null) {
            for (int i = 0; i < READS_PER_TURN && !closed && pipe == null; i++) {
                int n = reader.readFrom(channel);
                deliver(to);
                if (n < 0) {
                    throw new EOFException("closed");
                }
                if (n == 0) {
                    return;
                }
            }
            if (pipe == null) {
                return;
            }
            socketReady = true; // the hello came: rings or the end may have come behind it
        }
        boolean ended = socketReady && !closed && pipe.skipRings();
        // once the writer has gone, all it left in the pipe is read now: its goodbye may be last
        readPipe(to, ended);
        if (ended) {
            throw new EOFException("closed");
        }
    }

    private void readPipe(Frames to, boolean all) throws IOException {
        // more than a writer that has gone can have left, should it write on regardless
        long most = 2L * Pipe.CAPACITY;
        for (int i = 0; (all ? most > 0 : i < READS_PER_TURN) && !closed; i++) {
            int n = reader.readFrom(pipe);
            deliver(to);
            if (n == 0) {
                return;
            }
            most -= n;
        }
    }

    /** Whether the link has a pipe with bytes to read (no system call). */
    boolean pipeReadable() {
        return pipe != null && !closed && pipe.pipe.readable();
    }

    /**
     * The progress thread, about to sleep: asks the writer of every pipe it would read to ring; false if
     * one has bytes already (read them instead).
     */
    static boolean sleep(Iterable<PolledIn> links) {
        boolean quiet = true;
        for (PolledIn in : links) {
            quiet &= in.paused || in.pipe == null || in.closed || in.pipe.pipe.sleep();
        }
        return quiet;
    }

    /** The progress thread awoke: no pipe's writer need ring. */
    static void awake(Iterable<PolledIn> links) {
        for (PolledIn in : links) {
            if (in.pipe != null) {
                in.pipe.pipe.awake();
            }
        }
    }

    private void deliver(Frames to) {
        ByteBuf body;
        while (!closed && (body = reader.next()) != null) {
            Frame f;
            try {
                f = FrameCodec.decode(body, shm);
            } finally {
                body.release();
            }
            if (rank < 0) {
                String why = PeerIn.refusal(config, f);
                io.netty.util.ReferenceCountUtil.release(f);
                if (why != null) {
                    to.refused(this, why);
                    return;
                }
                reader.limit(FrameReader.largest(config));
                Hello h = (Hello) f;
                if (h.pipe() != null) {
                    try {
                        pipe = new PipeChannel(Pipe.open(h.pipe()), channel);
                    } catch (IOException | RuntimeException e) {
                        // the exception's name says what went wrong (a file not found says only its path)
                        to.refused(this, "its pipe " + h.pipe() + " does not map here: " + e);
                        return;
                    }
                    // what the socket brought behind the hello are rings
                    reader.skipUnread();
                }
                rank = h.rank();
                shm = mapped(h.shm());
                to.admitted(this);
            } else if (f instanceof Bye) {
                saidBye = true;
            } else {
                to.frame(rank, f);
            }
        }
    }

    /**
     * The peer's segment, if its hello names one this process can map: the peer then names blocks of it
     * in its frames, and no other segment. A segment that does not map leaves frames naming it malformed.
     */
    private static ShmLink mapped(String segment) {
        if (segment == null) {
            return null;
        }
        try {
            Segment.open(segment);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a peer's shared memory " + segment + " does not map here: " + e);
            return null;
        }
        return new ShmLink(null, false, segment::equals);
    }

    /** Whether the peer said goodbye before its link closed: if not, it failed. */
    boolean saidBye() {
        return saidBye;
    }

    SocketAddress remote() {
        return address(channel, true);
    }

    SocketAddress local() {
        return address(channel, false);
    }

    private static SocketAddress address(SocketChannel ch, boolean remote) {
        try {
            return remote ? ch.getRemoteAddress() : ch.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // it is gone either way
        }
    }

    /** Closes the link and gives back what was read and not taken; true the first time. */
    boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        key.cancel();
        closeQuietly(channel);
        reader.release();
        return true;
    }
}
