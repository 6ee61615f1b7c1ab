package jmpi.transport.grpc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.AbstractChannel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelMetadata;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import java.net.SocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import jmpi.Config;

/**
 * One rank's gRPC stream as a Netty channel, so that the coordinator's and the rank's handlers run on
 * it as they do on TCP. It does no I/O of its own: what the pipeline writes goes to the stream as
 * gRPC messages, and the stream's messages are read as the pipeline asks for them.
 *
 * <p>Back-pressure is a socket's: while the stream is not ready, writes wait in the channel's
 * outbound buffer, which past {@code JMPI_SERIAL_QUEUE} bytes makes the channel unwritable; the
 * stream's readiness resumes them. Every call into gRPC happens on the channel's event loop, as a
 * gRPC call is not thread-safe.
 *
 * <p>It is not a {@code LocalChannel} pair: since Netty 4.2, local channels only register on local
 * event loops, and the coordinator's handlers must run on its own event loop, where its engine lives.
 */
final class StreamChannel extends AbstractChannel {
    private static final ChannelMetadata METADATA = new ChannelMetadata(false);
    /** Messages asked of the stream per read, as a socket channel reads up to 16 messages at a time. */
    private static final int MESSAGES_PER_READ = 16;

    private final Stream stream;
    private final DefaultChannelConfig config;
    private volatile boolean open = true;
    // event loop only
    private boolean streamEnded;
    private int demand;
    private boolean readCompletePending;

    /** The gRPC call behind the channel: a server call on the coordinator, a client call on a rank. */
    interface Stream {
        void request(int messages);

        boolean isReady();

        /** Hands a message to gRPC, which releases it. */
        void send(ByteBuf message);

        /** Ends the stream from this side, after what was sent; runs {@code seen} once the other side has it all. */
        void end(Runnable seen);

        /** The channel closed, whichever side ended the stream: lets go of what the stream holds. */
        default void closed() {
        }

        SocketAddress localAddress();

        SocketAddress remoteAddress();
    }

    StreamChannel(Stream stream, Config config) {
        super(null);
        this.stream = stream;
        this.config = new DefaultChannelConfig(this);
        this.config.setWriteBufferWaterMark(waterMark(config));
    }

    /** As on TCP: writes queue up to JMPI_SERIAL_QUEUE bytes before the channel turns unwritable. */
    static WriteBufferWaterMark waterMark(Config config) {
        return new WriteBufferWaterMark(Math.min(config.serialQueue() / 2, 1 << 20), config.serialQueue());
    }

    // ---- called by gRPC's listeners, on any thread ----------------------------------------------

    /** A message from the stream: read by the pipeline, or dropped once the channel is closed. */
    void received(ByteBuf message) {
        if (!onLoop(() -> read(message))) {
            message.release();
        }
    }

    /** The stream takes messages again: writes what waits (nothing can wait before registration). */
    void ready() {
        if (isRegistered()) {
            onLoop(((StreamUnsafe) unsafe())::resume);
        }
    }

    /** The other side ended the stream, or it failed ({@code cause} not null): the channel closes. */
    void ended(Throwable cause) {
        onLoop(() -> {
            boolean closing = streamEnded;
            streamEnded = true;
            if (cause != null && !closing && open) {
                pipeline().fireExceptionCaught(cause);
            }
            close();
        });
    }

    private boolean onLoop(Runnable task) {
        EventLoop loop = eventLoop();
        if (loop.inEventLoop()) {
            task.run();
            return true;
        }
        try {
            loop.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            // the event loop is shutting down with the process
            return false;
        }
    }

    /**
     * Reads a message; the read completes once the messages gRPC delivers in one go are read, as on a
     * socket after the frames of one read: the coordinator flushes its replies then, not per message.
     */
    private void read(ByteBuf message) {
        if (demand > 0) {
            demand--;
        }
        if (!open) {
            message.release();
            return;
        }
        pipeline().fireChannelRead(message);
        if (!readCompletePending) {
            readCompletePending = true;
            try {
                eventLoop().execute(this::readComplete);
            } catch (RejectedExecutionException e) {
                readComplete();
            }
        }
    }

    private void readComplete() {
        readCompletePending = false;
        if (open) {
            pipeline().fireChannelReadComplete();
        }
    }

    // ---- the channel ----------------------------------------------------------------------------

    @Override
    public ChannelConfig config() {
        return config;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Active from the start: the stream is open when the channel is made. */
    @Override
    public boolean isActive() {
        return open;
    }

    @Override
    public ChannelMetadata metadata() {
        return METADATA;
    }

    @Override
    protected AbstractUnsafe newUnsafe() {
        return new StreamUnsafe();
    }

    /** Any event loop will do, as the channel registers no I/O with it. */
    @Override
    protected boolean isCompatible(EventLoop loop) {
        return true;
    }

    @Override
    protected SocketAddress localAddress0() {
        return stream.localAddress();
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return stream.remoteAddress();
    }

    @Override
    protected void doBind(SocketAddress localAddress) {
        throw new UnsupportedOperationException("a gRPC stream is not bound");
    }

    @Override
    protected void doDisconnect() {
        doClose();
    }

    @Override
    protected void doClose() {
        if (!open) {
            return;
        }
        open = false;
        if (!streamEnded) {
            // closed forcibly, without StreamUnsafe.prepareToClose
            streamEnded = true;
            stream.end(() -> { });
        }
        stream.closed();
    }

    /** Asks the stream for more messages once those asked for have come; auto-read asks after every read. */
    @Override
    protected void doBeginRead() {
        if (demand == 0 && !streamEnded) {
            demand = MESSAGES_PER_READ;
            stream.request(MESSAGES_PER_READ);
        }
    }

    @Override
    protected Object filterOutboundMessage(Object msg) {
        if (msg instanceof ByteBuf) {
            return msg;
        }
        throw new UnsupportedOperationException("a gRPC stream carries ByteBufs, not "
                + msg.getClass().getSimpleName());
    }

    @Override
    protected void doWrite(ChannelOutboundBuffer in) {
        Object msg;
        while ((msg = in.current()) != null && stream.isReady()) {
            ByteBuf buf = (ByteBuf) msg;
            // gRPC's reference; the outbound buffer drops its own below
            buf.retain();
            try {
                stream.send(buf);
            } catch (RuntimeException e) {
                // refused before gRPC took it (it releases what it takes)
                if (buf.refCnt() > 1) {
                    buf.release();
                }
                in.remove(e);
                continue;
            }
            in.remove();
        }
        // what is left waits for the stream's readiness (ready())
    }

    private final class StreamUnsafe extends AbstractUnsafe {
        /**
         * Ends the stream first, and finishes closing once the other side has seen the end: gRPC sends
         * from buffers of its own, and a rank that exits right after closing must not lose its last
         * frames (its Bye) in them, as a socket's would not be lost in the kernel's.
         */
        @Override
        protected Executor prepareToClose() {
            if (streamEnded) {
                return null;
            }
            streamEnded = true;
            return close -> stream.end(() -> {
                if (!onLoop(close)) {
                    close.run();
                }
            });
        }

        @Override
        public void connect(SocketAddress remote, SocketAddress local, ChannelPromise promise) {
            safeSetFailure(promise, new UnsupportedOperationException("a gRPC stream channel is connected when made"));
        }

        /** Writes what was flushed but held back while the stream was not ready. */
        void resume() {
            flush0();
        }
    }
}
