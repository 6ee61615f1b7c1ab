package jmpi.runtime.link.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.channel.AbstractChannel;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelMetadata;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.EventLoop;
import io.netty.channel.local.LocalAddress;
import java.net.SocketAddress;

/**
 * One rank's connection as the coordinator sees it: a channel of its own, carried by the coordinator's
 * session with the broker (its parent) and running on the parent's event loop, so that the coordinator's
 * handler works on it as on a TCP connection. Bytes the pipeline writes go to the connection's
 * {@link Outbox}; bytes the broker brings are fired into the pipeline by {@link CoordinatorHub}.
 */
final class RankChannel extends AbstractChannel {
    private static final ChannelMetadata METADATA = new ChannelMetadata(false);

    private final ChannelConfig config = new DefaultChannelConfig(this);
    private final SocketAddress remote;
    private final SocketAddress local;
    private final Runnable onClose;
    private Outbox outbox;
    private int expectedSeq;
    private boolean read;
    private volatile boolean open = true;

    RankChannel(Channel parent, String conn, Runnable onClose) {
        super(parent);
        this.remote = new LocalAddress("mqtt-rank-" + conn);
        this.local = new LocalAddress("mqtt-coordinator");
        this.onClose = onClose;
    }

    void outbox(Outbox outbox) {
        this.outbox = outbox;
    }

    Outbox outbox() {
        return outbox;
    }

    /** Checks a DATA message's number; false when the broker lost one before it. */
    boolean inOrder(int seq) {
        if (seq != expectedSeq) {
            return false;
        }
        expectedSeq++;
        return true;
    }

    /** Bytes from the rank, passed to the frame decoder; a read burst ends with {@link #readComplete()}. */
    void deliver(ByteBuf bytes) {
        if (!open) {
            bytes.release();
            return;
        }
        read = true;
        pipeline().fireChannelRead(bytes);
    }

    void readComplete() {
        if (read && open) {
            read = false;
            pipeline().fireChannelReadComplete();
        }
    }

    void writability(boolean writable) {
        ChannelOutboundBuffer b = unsafe().outboundBuffer();
        if (b != null) {
            b.setUserDefinedWritability(1, writable);
        }
    }

    @Override
    public ChannelConfig config() {
        return config;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

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
        return new AbstractUnsafe() {
            @Override
            public void connect(SocketAddress remoteAddress, SocketAddress localAddress, ChannelPromise promise) {
                promise.setFailure(new UnsupportedOperationException("a rank's channel is connected by the broker"));
            }
        };
    }

    @Override
    protected boolean isCompatible(EventLoop loop) {
        // nothing to register with an I/O handler: the parent does the I/O
        return loop == parent().eventLoop();
    }

    @Override
    protected SocketAddress localAddress0() {
        return local;
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return remote;
    }

    @Override
    protected void doBind(SocketAddress localAddress) {
        throw new UnsupportedOperationException("a rank's channel is not bound");
    }

    @Override
    protected void doDisconnect() {
        doClose();
    }

    @Override
    protected void doClose() {
        if (open) {
            open = false;
            onClose.run();
        }
    }

    @Override
    protected void doBeginRead() {
        // the broker's messages are pushed in by the hub as they come
    }

    @Override
    protected void doWrite(ChannelOutboundBuffer in) {
        for (Object m; (m = in.current()) != null; ) {
            if (m instanceof ByteBuf b) {
                outbox.add(b.retain(), null);
                in.remove();
            } else {
                in.remove(new UnsupportedOperationException("cannot send " + m.getClass().getSimpleName()));
            }
        }
        outbox.send();
    }

    @Override
    protected Object filterOutboundMessage(Object msg) {
        if (msg instanceof ByteBuf) {
            return msg;
        }
        throw new UnsupportedOperationException("a rank's channel carries encoded frames, not "
                + msg.getClass().getSimpleName());
    }
}
