package jmpi.runtime.link;

import io.netty.buffer.ByteBuf;
import io.netty.channel.AbstractChannel;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelMetadata;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.EventLoop;
import java.net.SocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import jmpi.Config;
import jmpi.runtime.link.tcp.TcpTransport;

/**
 * A link of jmpi frames over a {@link MessageCarrier}, as a Netty channel, so that the coordinator's and
 * the rank's handlers run on it as they do on TCP. It does no I/O of its own: what the pipeline writes
 * goes to the carrier as messages, and what the carrier brings is read by the pipeline. On a
 * {@link MessageCarrier.Delivery#RELAYED RELAYED} carrier it also numbers, chunks and windows the stream
 * ({@link RelayedStream}).
 *
 * <p>Back-pressure is a socket's: past {@code JMPI_SERIAL_QUEUE} bytes waiting (for a paced carrier's
 * readiness, or for a relayed stream's window), the channel turns unwritable. Closing lets the last
 * frames out first and ends the carrier, and completes once the carrier has delivered them.
 *
 * <p>It is not a {@code LocalChannel} pair: since Netty 4.2, local channels only register on local event
 * loops, and the coordinator's handlers must run on its own event loop, where its engine lives.
 */
public final class VirtualChannel extends AbstractChannel {
    private static final ChannelMetadata METADATA = new ChannelMetadata(false);
    /** Messages asked of a paced carrier per read, as a socket channel reads up to 16 messages at a time. */
    private static final int MESSAGES_PER_READ = 16;

    private final MessageCarrier carrier;
    private final DefaultChannelConfig config;
    private final Framing framing;
    private volatile boolean open = true;
    // event loop only; ended: the carrier takes nothing more (this side ended it, or the other side did)
    private boolean ended;
    private int demand;
    private boolean burstPending;
    private boolean readInBurst;

    /** A channel on {@code carrier}; with a parent, it runs on the parent's event loop, whose I/O carries it. */
    public VirtualChannel(Channel parent, MessageCarrier carrier, Config config) {
        super(parent);
        this.carrier = carrier;
        this.config = new DefaultChannelConfig(this);
        this.config.setWriteBufferWaterMark(TcpTransport.waterMark(config));
        this.framing = Framing.of(this, carrier, config);
    }

    /** Adds the frame codec the carrier calls for: length framing on a byte stream, none on whole messages. */
    public void addFrameCodec() {
        framing.addCodec(pipeline());
    }

    /** A message from the peer; the channel owns it (and drops it once closed). */
    public void arrived(ByteBuf message) {
        if (!onLoop(() -> take(message))) {
            message.release();
        }
    }

    /** A paced carrier takes messages again: writes what waits (nothing can wait before registration). */
    public void ready() {
        if (isRegistered()) {
            onLoop(((CarrierUnsafe) unsafe())::resume);
        }
    }

    /**
     * The carrier is over: the other side ended it, or it broke ({@code reason} not null, fired into the
     * pipeline). The channel closes; nothing more can be sent, so nothing waits to be.
     */
    public void closed(Throwable reason) {
        onLoop(() -> {
            boolean wasEnded = ended;
            ended = true;
            framing.carrierGone();
            if (reason != null && !wasEnded && open) {
                pipeline().fireExceptionCaught(reason);
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

    private void take(ByteBuf message) {
        if (demand > 0) {
            demand--;
        }
        if (!open) {
            message.release();
            return;
        }
        framing.arrived(message);
        endBurstLater();
    }

    /** Frame bytes for the pipeline. */
    void read(ByteBuf bytes) {
        readInBurst = true;
        pipeline().fireChannelRead(bytes);
    }

    /**
     * The read completes once the messages the carrier delivers in one go are read, as on a socket after
     * the frames of one read: the coordinator flushes its replies then, not per message.
     */
    private void endBurstLater() {
        if (!burstPending) {
            burstPending = true;
            try {
                eventLoop().execute(this::endBurst);
            } catch (RejectedExecutionException e) {
                endBurst();
            }
        }
    }

    private void endBurst() {
        burstPending = false;
        // what the burst made the carrier hold back: a relayed stream's acknowledgements
        carrier.flush();
        if (readInBurst && open) {
            readInBurst = false;
            pipeline().fireChannelReadComplete();
        }
    }

    /** Asks a paced carrier for more once those asked for have come; auto-read asks after every read. */
    @Override
    protected void doBeginRead() {
        if (demand == 0 && !ended) {
            demand = MESSAGES_PER_READ;
            carrier.request(MESSAGES_PER_READ);
        }
    }

    @Override
    protected Object filterOutboundMessage(Object msg) {
        if (msg instanceof ByteBuf) {
            return msg;
        }
        throw new UnsupportedOperationException("a virtual channel carries encoded frames, not "
                + msg.getClass().getSimpleName());
    }

    /** What the framing does not take now waits: for a paced carrier's readiness ({@link #ready()}). */
    @Override
    protected void doWrite(ChannelOutboundBuffer in) {
        framing.write(in);
    }

    @Override
    public ChannelConfig config() {
        return config;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Active from the start: the carrier is there when the channel is made. */
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
        return new CarrierUnsafe();
    }

    /** Any event loop will do without a parent, as the channel registers no I/O; else the parent's does it. */
    @Override
    protected boolean isCompatible(EventLoop loop) {
        return parent() == null || loop == parent().eventLoop();
    }

    @Override
    protected SocketAddress localAddress0() {
        return carrier.localAddress();
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return carrier.remoteAddress();
    }

    @Override
    protected void doBind(SocketAddress localAddress) {
        throw new UnsupportedOperationException("a virtual channel is not bound");
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
        if (!ended) {
            // closed forcibly, without CarrierUnsafe.prepareToClose
            ended = true;
            finish(() -> { });
        }
        framing.discard();
        carrier.closed();
    }

    /** Lets the last frames out (a relayed stream's window may hold some), then ends the carrier. */
    private void finish(Runnable delivered) {
        framing.finish(() -> carrier.end(delivered));
    }

    private final class CarrierUnsafe extends AbstractUnsafe {
        /** Closing finishes once the carrier has delivered the last frames (a rank's goodbye). */
        @Override
        protected Executor prepareToClose() {
            if (ended) {
                return null;
            }
            ended = true;
            return close -> finish(() -> {
                if (!onLoop(close)) {
                    close.run();
                }
            });
        }

        @Override
        public void connect(SocketAddress remote, SocketAddress local, ChannelPromise promise) {
            safeSetFailure(promise, new UnsupportedOperationException("a virtual channel is connected when made"));
        }

        /** Writes what was flushed but held back while the carrier was not ready. */
        void resume() {
            flush0();
        }
    }
}
