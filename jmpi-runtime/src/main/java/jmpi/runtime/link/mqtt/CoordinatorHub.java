package jmpi.runtime.link.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.Promise;
import java.nio.charset.StandardCharsets;
import jmpi.runtime.link.Envelope;
import jmpi.runtime.link.VirtualAcceptor;
import jmpi.runtime.link.VirtualChannel;

/**
 * The coordinator's side of the broker: announces the coordinator on the job's presence topic, and
 * routes what each rank connection publishes to its channel, which the {@link VirtualAcceptor} makes
 * when the connection's first message comes. Runs on the coordinator's event loop; new per session.
 */
final class CoordinatorHub extends JobSession {
    private static final System.Logger LOG = System.getLogger(CoordinatorHub.class.getName());

    private final String id;
    private final VirtualAcceptor acceptor;
    private final Promise<Void> ready;
    private ChannelHandlerContext ctx;

    CoordinatorHub(Topics topics, String id, String broker, VirtualAcceptor acceptor, Promise<Void> ready) {
        super(topics, broker);
        this.id = id;
        this.acceptor = acceptor;
        this.ready = ready;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == BrokerSession.READY) {
            // subscribed first, announced second: a rank that sees the coordinator can be heard by it
            ctx.writeAndFlush(BrokerSession.publish(topics.presence(),
                    Unpooled.copiedBuffer(id, StandardCharsets.UTF_8), true));
            ready.trySuccess(null);
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    void published(ChannelHandlerContext ctx, String topic, ByteBuf payload) {
        String conn = topics.connOf(topic);
        if (conn != null) {
            fromRank(conn, payload);
        }
    }

    private void fromRank(String conn, ByteBuf m) {
        VirtualChannel ch = acceptor.get(conn);
        if (ch == null) {
            if (!Envelope.opensStream(m)) {
                return; // the rest of a connection that is gone
            }
            BrokerCarrier carrier = new BrokerCarrier(topics.toRank(conn), false, "mqtt-coordinator",
                    "mqtt-rank-" + conn);
            carrier.attach(ctx);
            // on this very loop, so registration is done when this returns
            ch = acceptor.accept(conn, ctx.channel(), carrier, ctx.channel().eventLoop());
        }
        ch.arrived(m.retain());
    }

    /** Ends every rank connection once its last frames are out, then withdraws the coordinator and closes. */
    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        acceptor.closeAll(() -> {
            if (ctx.channel().isActive()) {
                // an empty retained message removes the announcement
                ctx.writeAndFlush(BrokerSession.publish(topics.presence(), Unpooled.EMPTY_BUFFER, true));
            }
            ctx.close(promise);
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ready.tryFailure(brokerClosed());
        if (!acceptor.isEmpty()) {
            LOG.log(System.Logger.Level.ERROR, "lost the MQTT broker at {0}: every rank connection fails", broker);
        }
        acceptor.loseAll();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!ready.tryFailure(cause)) {
            LOG.log(System.Logger.Level.ERROR, "the coordinator's MQTT session with " + broker + " failed: " + cause);
        }
        ctx.close();
    }
}
