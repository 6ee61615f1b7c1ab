package jmpi.runtime.link.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.util.concurrent.Promise;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import jmpi.runtime.link.VirtualAcceptor;
import jmpi.runtime.link.VirtualChannel;

/**
 * The coordinator's side of the broker: announces the coordinator on the job's presence topic, and
 * routes what each rank connection publishes to its channel, which the {@link VirtualAcceptor} makes
 * when the connection's first message comes. Runs on the coordinator's event loop; new per session.
 */
final class CoordinatorHub extends ChannelDuplexHandler {
    private static final System.Logger LOG = System.getLogger(CoordinatorHub.class.getName());

    private final Topics topics;
    private final String id;
    private final String broker;
    private final VirtualAcceptor acceptor;
    private final Promise<Void> ready;
    private ChannelHandlerContext ctx;

    CoordinatorHub(Topics topics, String id, String broker, VirtualAcceptor acceptor, Promise<Void> ready) {
        this.topics = topics;
        this.id = id;
        this.broker = broker;
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
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof MqttPublishMessage p)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            String conn = topics.connOf(p.variableHeader().topicName());
            if (conn != null) {
                fromRank(conn, p.payload());
            }
        } finally {
            p.release();
        }
    }

    private void fromRank(String conn, ByteBuf m) {
        VirtualChannel ch = acceptor.get(conn);
        if (ch == null) {
            if (!VirtualChannel.opensRelayedStream(m)) {
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
        ready.tryFailure(new ConnectException("the MQTT broker at " + broker + " closed the connection"));
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
