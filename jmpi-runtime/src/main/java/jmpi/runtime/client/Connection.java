package jmpi.runtime.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import jmpi.Config;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.ProcessFailedException;
import jmpi.runtime.shm.Arena;
import jmpi.runtime.shm.ShmLink;
import jmpi.runtime.transport.Transport;
import jmpi.runtime.transport.Transports;
import jmpi.runtime.wire.Bye;
import jmpi.runtime.wire.Call;
import jmpi.runtime.wire.Cancel;
import jmpi.runtime.wire.Frame;
import jmpi.runtime.wire.FrameCodec;
import jmpi.runtime.wire.Hello;
import jmpi.runtime.wire.Refused;
import jmpi.runtime.wire.Reply;
import jmpi.runtime.wire.Welcome;

/** A rank's connection to the coordinator: sends frames, routes replies to whoever waits for them. */
final class Connection implements Link {
    private static final System.Logger LOG = System.getLogger(Connection.class.getName());

    private final Channel channel;
    private final Map<Integer, Consumer<Reply>> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final CompletableFuture<Void> welcomed = new CompletableFuture<>();
    private volatile MPIException lost;
    private volatile boolean leaving;
    private volatile long limit = Long.MAX_VALUE;
    private final Object writable = new Object();
    /** This rank's shared memory for large payloads, while the coordinator shares its host; else null. */
    private volatile Arena arena;
    /** How long a sender waits for room in shared memory before its payload takes the socket. */
    private static final long SHM_PATIENCE = TimeUnit.MILLISECONDS.toNanos(200);
    private volatile boolean shmGaveUp;

    private Connection(Channel channel) {
        this.channel = channel;
    }

    /** Fails locally if the coordinator is lost or f is too large; waits while too much is queued. */
    private void readyToSend(Frame f) {
        try {
            MPIException l = lost;
            if (l != null) {
                throw l;
            }
            checkSize(f);
            awaitWritable();
        } catch (RuntimeException e) {
            // the frame will not be written, so nobody else releases its payload
            ReferenceCountUtil.release(f);
            throw e;
        }
    }

    /** Fails locally, before anything is sent, when a call carries more than JMPI_SERIAL_SIZE bytes. */
    private void checkSize(Frame f) {
        if (f instanceof Call c && c.payloadBytes() > limit) {
            throw new MPIException(MPI.ERR_COUNT, "a message of " + c.payloadBytes() + " bytes exceeds the limit of "
                    + limit + " bytes (JMPI_SERIAL_SIZE)");
        }
    }

    /** Connects, retrying until config.waitTime() runs out, and introduces this rank. */
    static Connection open(Config config, EventLoopGroup group, String host, int port) {
        long deadline = System.nanoTime() + config.waitTime().toNanos();
        Transport transport = Transports.of(config);
        CompletableFuture<Channel> connected = new CompletableFuture<>();
        Connection[] holder = new Connection[1];
        Supplier<ChannelFuture> connect = () -> transport.connect(config, group, host, port, new Handler(holder));
        attempt(connect, deadline, 1, connected, group);
        Channel ch;
        try {
            ch = connected.get();
        } catch (ExecutionException e) {
            throw new MPIException(MPI.ERR_OTHER, "cannot reach the coordinator at " + host + ":" + port
                    + " within " + config.waitTime().toMillis() + " ms (JMPI_WAIT): " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MPIException(MPI.ERR_OTHER, "interrupted while connecting", e);
        }
        Connection c = holder[0];
        c.limit = config.serialSize();
        // offered over plain TCP only: the other transports are chosen for the path the bytes take
        Arena arena = config.shm() > 0 && "tcp".equals(config.proto()) ? Arena.create(config.shm()) : null;
        if (arena != null) {
            c.arena = arena;
            ch.attr(ShmLink.KEY).set(new ShmLink(arena, false));
        }
        ch.writeAndFlush(new Hello(FrameCodec.VERSION, config.rank(), config.size(), config.token(),
                arena == null ? null : arena.name()));
        boolean welcomed = false;
        try {
            long left = Math.max(1, deadline - System.nanoTime());
            c.welcomed.get(Math.max(left, TimeUnit.SECONDS.toNanos(5)), TimeUnit.NANOSECONDS);
            welcomed = true;
        } catch (ExecutionException e) {
            throw FutureRequest.unwrap(e.getCause());
        } catch (TimeoutException e) {
            throw new MPIException(MPI.ERR_OTHER, "the coordinator at " + host + ":" + port + " did not answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MPIException(MPI.ERR_OTHER, "interrupted while connecting", e);
        } finally {
            if (!welcomed) {
                ch.close();
                c.dropArena();
            }
        }
        return c;
    }

    /** Tries to connect; on refusal tries again after a short, growing pause until the deadline. */
    private static void attempt(Supplier<ChannelFuture> connect, long deadline, long delayMs,
                                CompletableFuture<Channel> result, EventLoopGroup group) {
        ChannelFuture f = connect.get();
        f.addListener(x -> {
            if (x.isSuccess()) {
                result.complete(f.channel());
            } else if (System.nanoTime() + delayMs * 1_000_000 > deadline) {
                result.completeExceptionally(x.cause());
            } else {
                group.schedule(() -> attempt(connect, deadline, Math.min(delayMs * 2, 250), result, group),
                        delayMs, TimeUnit.MILLISECONDS);
            }
        });
    }

    @Override
    public int nextId() {
        return ids.incrementAndGet();
    }

    /**
     * Large parts go straight into shared memory when the coordinator shares this host: one copy
     * fewer. When the segment is full, the caller waits a little for receivers to free blocks, as a
     * full socket makes it wait; if none are freed in that time (their receivers are busy elsewhere),
     * the payload goes through the socket, and so do the next ones until blocks are free again.
     */
    @Override
    public ByteBuf newPart(int len) {
        Arena a = arena;
        // an interrupted thread would close the segment's file channel as it grows the segment
        if (a != null && len >= ShmLink.MIN_PART && !channel.eventLoop().inEventLoop()
                && !Thread.currentThread().isInterrupted()) {
            ByteBuf b = a.allocate(len);
            if (b == null && !shmGaveUp) {
                long deadline = System.nanoTime() + SHM_PATIENCE;
                // receivers free blocks in other processes, which cannot wake this thread: look again, less and less often
                for (long pause = 10_000; b == null && System.nanoTime() < deadline && lost == null && a.fits(len);
                     pause = Math.min(pause * 2, 1_000_000)) {
                    LockSupport.parkNanos(pause);
                    b = a.allocate(len);
                }
            }
            shmGaveUp = b == null;
            if (b != null) {
                return b;
            }
        }
        return Link.super.newPart(len);
    }

    /**
     * Stops offering shared memory and removes the segment's file. Only while no peer can know its
     * name: the coordinator did not take it, or the connection never got that far.
     */
    private void dropArena() {
        Arena a = arena;
        arena = null;
        if (a != null) {
            channel.attr(ShmLink.KEY).set(null);
            a.delete();
        }
    }

    /** Sends a frame whose reply goes to onReply (registered before sending, as replies can be quick). */
    @Override
    public void send(Frame f, int reqId, Consumer<Reply> onReply) {
        readyToSend(f);
        waiting.put(reqId, onReply);
        channel.writeAndFlush(f).addListener(x -> {
            if (!x.isSuccess()) {
                Consumer<Reply> w = waiting.remove(reqId);
                if (w != null) {
                    w.accept(Reply.error(reqId, jmpi.runtime.wire.ErrorInfo.of(lostError(x.cause()))));
                }
            }
        });
    }

    /** Sends a frame that gets no reply; the future completes once it is written to the socket. */
    @Override
    public CompletableFuture<Void> sendOneWay(Frame f) {
        readyToSend(f);
        CompletableFuture<Void> done = new CompletableFuture<>();
        channel.writeAndFlush(f).addListener(x -> {
            if (x.isSuccess()) {
                done.complete(null);
            } else {
                done.completeExceptionally(lostError(x.cause()));
            }
        });
        return done;
    }

    /**
     * Back-pressure: while more than JMPI_SERIAL_QUEUE bytes wait to be written, the sending thread
     * waits, instead of memory growing. Never on the event loop, which does the writing.
     */
    private void awaitWritable() {
        if (channel.isWritable() || channel.eventLoop().inEventLoop()) {
            return;
        }
        synchronized (writable) {
            while (!channel.isWritable() && channel.isActive() && lost == null) {
                try {
                    // woken by channelWritabilityChanged; the timeout only bounds a missed wake-up
                    writable.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new MPIException(MPI.ERR_OTHER, "interrupted while waiting to send", e);
                }
            }
        }
    }

    @Override
    public void cancel(int reqId) {
        if (lost == null) {
            channel.writeAndFlush(new Cancel(reqId));
        }
    }

    /** Says goodbye and closes; waits for the close to finish. */
    void leave() {
        leaving = true;
        if (channel.isActive()) {
            channel.writeAndFlush(new Bye()).addListener(x -> channel.close());
        }
        channel.closeFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private MPIException lostError(Throwable cause) {
        MPIException l = lost;
        return l != null ? l : new ProcessFailedException(MPI.UNDEFINED, "lost the coordinator: " + cause);
    }

    private void dispatch(Reply r) {
        Consumer<Reply> w = waiting.remove(r.reqId());
        if (w != null) {
            w.accept(r);
        } else if (r.status() == Reply.ERROR) {
            LOG.log(System.Logger.Level.WARNING, "coordinator: {0}", r.error().message());
        }
    }

    private void lose(MPIException e) {
        if (lost == null) {
            lost = e;
        }
        welcomed.completeExceptionally(e);
        for (Integer id : waiting.keySet()) {
            Consumer<Reply> w = waiting.remove(id);
            if (w != null) {
                w.accept(Reply.error(id, jmpi.runtime.wire.ErrorInfo.of(e)));
            }
        }
    }

    /** Reads replies; new per channel as it belongs to one connection. */
    private static final class Handler extends SimpleChannelInboundHandler<Frame> {
        private final Connection[] holder;

        Handler(Connection[] holder) {
            this.holder = holder;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            holder[0] = new Connection(ctx.channel());
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Frame f) {
            Connection c = holder[0];
            if (f instanceof Reply r) {
                c.dispatch(r);
            } else if (f instanceof Welcome w) {
                ShmLink shm = ctx.channel().attr(ShmLink.KEY).get();
                if ((w.flags() & Welcome.SHM) != 0 && shm != null) {
                    shm.startSending();
                } else {
                    c.dropArena();
                }
                c.welcomed.complete(null);
            } else if (f instanceof Refused r) {
                c.lose(new MPIException(MPI.ERR_OTHER, "the coordinator refused this rank: " + r.reason()));
                ctx.close();
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            Connection c = holder[0];
            synchronized (c.writable) {
                c.writable.notifyAll();
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            Connection c = holder[0];
            synchronized (c.writable) {
                c.writable.notifyAll();
            }
            if (!c.leaving) {
                // the file stays while this process lives: the coordinator may still forward what this
                // rank sent (a connection can close while both ends live); at exit it goes, as nobody
                // can then serve the rank's messages
                Arena a = c.arena;
                if (a != null) {
                    a.deleteOnExit();
                }
                c.lose(new ProcessFailedException(MPI.UNDEFINED, "lost the coordinator: the connection closed"));
            } else {
                // a request another thread still waits for when this rank finalized: it can never complete
                c.lose(new MPIException(MPI.ERR_COMM, "MPI.Finalize() ran while this request was pending"));
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            Connection c = holder[0];
            c.lose(new ProcessFailedException(MPI.UNDEFINED, "lost the coordinator: " + cause));
            ctx.close();
        }
    }
}
