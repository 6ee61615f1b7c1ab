package jmpi.runtime.link;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import jmpi.Config;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.ProcessFailedException;
import jmpi.runtime.link.shm.Arena;
import jmpi.runtime.link.shm.ShmLink;
import jmpi.runtime.wire.SharedParts;
import jmpi.runtime.link.Transport;
import jmpi.runtime.link.Transports;
import jmpi.runtime.wire.Bye;
import jmpi.runtime.wire.JobAborted;
import jmpi.runtime.wire.Cancel;
import jmpi.runtime.wire.ErrorInfo;
import jmpi.runtime.wire.Frame;
import jmpi.runtime.wire.FrameCodec;
import jmpi.runtime.wire.Hello;
import jmpi.runtime.wire.Reply;

/** A rank's connection to the coordinator through a Netty channel: TLS, MQTT, gRPC, or TCP when asked for. */
final class ChannelLink extends RemoteLink {
    private final Channel channel;
    private final Object writable = new Object();

    /** Whether this link still holds the shared client loop, which it lets go when it leaves. */
    private boolean holdsLoop;

    /** The transport's name and, once the handshake is done, the TLS protocol; see {@link Link#carrier()}. */
    private String carrier;

    private ChannelLink(Channel channel) {
        this.channel = channel;
    }

    @Override
    public String carrier() {
        return carrier;
    }

    /** What the channel really carries: read from its pipeline, not from the configuration that asked for it. */
    private static String carrier(Transport transport, Channel ch) {
        String tls = Tls.protocol(ch);
        return tls == null ? transport.name() : transport.name() + "+" + tls;
    }

    /** Waits while too much is queued. */
    @Override
    void beforeSend() {
        awaitWritable();
    }

    /** Connects, retrying until config.waitTime() runs out, and introduces this rank. */
    static ChannelLink open(Config config, String host, int port, String data) {
        EventLoopGroup group = ClientLoop.acquire();
        try {
            ChannelLink link = open(config, group, host, port, data);
            link.holdsLoop = true;
            return link;
        } catch (RuntimeException e) {
            ClientLoop.release();
            throw e;
        }
    }

    private static ChannelLink open(Config config, EventLoopGroup group, String host, int port, String data) {
        ConnectRetry retry = new ConnectRetry(config, host, port);
        long deadline = retry.deadline();
        Transport transport = Transports.of(config);
        CompletableFuture<Channel> connected = new CompletableFuture<>();
        ChannelLink[] holder = new ChannelLink[1];
        Supplier<ChannelFuture> connect = () -> transport.connect(config, group, host, port, new Handler(holder));
        attempt(connect, retry, connected, group);
        Channel ch;
        try {
            ch = connected.get();
        } catch (ExecutionException e) {
            throw Errors.unwrap(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MPIException(MPI.ERR_OTHER, "interrupted while connecting", e);
        }
        ChannelLink c = holder[0];
        c.limit = config.serialSize();
        c.carrier = transport.name();
        // offered over plain TCP only: the other transports are chosen for the path the bytes take
        Arena arena = config.shm() > 0 && "tcp".equals(config.proto()) ? Arena.create(config.shm()) : null;
        if (arena != null) {
            c.arena = arena;
            ch.attr(SharedParts.KEY).set(new ShmLink(arena, false));
        }
        ch.writeAndFlush(new Hello(FrameCodec.VERSION, config.rank(), config.size(), config.token(),
                arena == null ? null : arena.name(), data, MPI.Get_processor_name()));
        boolean welcomed = false;
        try {
            long left = Math.max(1, deadline - System.nanoTime());
            c.welcomed.get(Math.max(left, TimeUnit.SECONDS.toNanos(5)), TimeUnit.NANOSECONDS);
            welcomed = true;
            // welcomed through the channel: any TLS handshake is done
            c.carrier = carrier(transport, ch);
        } catch (ExecutionException e) {
            throw Errors.unwrap(e.getCause());
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

    /** Tries to connect; on refusal tries again after a short, growing pause until JMPI_WAIT runs out. */
    private static void attempt(Supplier<ChannelFuture> connect, ConnectRetry retry, CompletableFuture<Channel> result,
                                EventLoopGroup group) {
        ChannelFuture f = connect.get();
        f.addListener(x -> {
            if (x.isSuccess()) {
                result.complete(f.channel());
                return;
            }
            if (x.cause() instanceof MPIException refused) {
                // the coordinator turned this rank away (another job's token): it would again
                result.completeExceptionally(refused);
                return;
            }
            SSLException tls = tlsFailure(x.cause());
            if (tls != null) {
                // a certificate refused now is refused again: no retry
                result.completeExceptionally(new MPIException(MPI.ERR_OTHER, tls.getMessage(), tls));
                return;
            }
            long delayMs;
            try {
                delayMs = retry.nextDelayMs(x.cause());
            } catch (MPIException e) {
                result.completeExceptionally(e);
                return;
            }
            group.schedule(() -> attempt(connect, retry, result, group), delayMs, TimeUnit.MILLISECONDS);
        });
    }

    private static SSLException tlsFailure(Throwable t) {
        for (int depth = 0; t != null && depth < 10; t = t.getCause(), depth++) {
            if (t instanceof SSLException e) {
                return e;
            }
        }
        return null;
    }

    @Override
    boolean mayWaitForRoom() {
        return !channel.eventLoop().inEventLoop();
    }

    @Override
    void unlinkShm() {
        channel.attr(SharedParts.KEY).set(null);
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
                    w.accept(Reply.error(reqId, ErrorInfo.of(lostError(x.cause()))));
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

    @Override
    public void leave() {
        leaveWith(new Bye());
    }

    /** Aborts the job: JobAborted is this rank's last word, then it leaves as leave() does, without a goodbye. */
    @Override
    public void abort(int rank, int code) {
        leaveWith(new JobAborted(rank, code));
    }

    private void leaveWith(Frame last) {
        leaving = true;
        if (channel.isActive()) {
            channel.writeAndFlush(last).addListener(x -> channel.close());
        }
        channel.closeFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (holdsLoop) {
            holdsLoop = false;
            ClientLoop.release();
        }
    }

    @Override
    public void abandon() {
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** Wakes the senders that wait for room: there may be some now, or the channel is gone. */
    private void wakeWriters() {
        synchronized (writable) {
            writable.notifyAll();
        }
    }

    /** Reads replies; new per channel as it belongs to one connection. */
    private static final class Handler extends SimpleChannelInboundHandler<Frame> {
        private final ChannelLink[] holder;

        Handler(ChannelLink[] holder) {
            this.holder = holder;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            holder[0] = new ChannelLink(ctx.channel());
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Frame f) {
            if (!holder[0].received(f, (ShmLink) ctx.channel().attr(SharedParts.KEY).get())) {
                ctx.close();
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            holder[0].wakeWriters();
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            holder[0].wakeWriters();
            holder[0].closed();
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ChannelLink c = holder[0];
            // a refused certificate is the configuration's fault, not a failed coordinator's
            c.lose(cause instanceof SSLHandshakeException tls ? new MPIException(MPI.ERR_OTHER, tls.getMessage(), tls)
                    : new ProcessFailedException(MPI.UNDEFINED, "lost the coordinator: " + Breakage.of(cause)));
            ctx.close();
        }
    }
}
