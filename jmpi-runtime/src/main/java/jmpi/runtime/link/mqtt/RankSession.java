package jmpi.runtime.link.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import jmpi.runtime.link.VirtualChannel;

/**
 * A rank's session with the broker, last in its pipeline: the rank's channel to the coordinator is
 * connected ({@code connected}) once the job's coordinator is on the broker, and closes when the
 * coordinator leaves or the session ends, as a TCP connection would. What the coordinator publishes to
 * this connection's topic goes to the channel. New per session.
 */
final class RankSession extends ChannelInboundHandlerAdapter {
    private final Topics topics;
    private final String conn;
    private final String broker;
    private final long waitMillis;
    private final BrokerCarrier carrier;
    private final VirtualChannel ch;
    private final ChannelPromise connected;
    private String coordinator;

    RankSession(Topics topics, String conn, String broker, long waitMillis, BrokerCarrier carrier, VirtualChannel ch,
                ChannelPromise connected) {
        this.topics = topics;
        this.conn = conn;
        this.broker = broker;
        this.waitMillis = waitMillis;
        this.carrier = carrier;
        this.ch = ch;
        this.connected = connected;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        carrier.attach(ctx);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ScheduledFuture<?> timeout = ctx.executor().schedule(() -> {
            if (connected.tryFailure(new ConnectException("no coordinator of this job is on the MQTT broker at "
                    + broker + " (topics " + topics.prefix() + "): rank 0 starts it when JMPI_ADDR is unset,"
                    + " jmpi-server --proto mqtt when it is set, and it must have this rank's JMPI_TOKEN"))) {
                ctx.close();
            }
        }, waitMillis, TimeUnit.MILLISECONDS);
        connected.addListener(f -> timeout.cancel(false));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof MqttPublishMessage p)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            String topic = p.variableHeader().topicName();
            if (topic.equals(topics.presence())) {
                presence(ctx, p.payload());
            } else if (topic.equals(topics.toRank(conn)) && connected.isSuccess()) {
                ch.arrived(p.payload().retain());
            }
        } finally {
            p.release();
        }
    }

    private void presence(ChannelHandlerContext ctx, ByteBuf payload) {
        String id = payload.toString(StandardCharsets.UTF_8);
        if (coordinator == null && !id.isEmpty() && !connected.isDone()) {
            coordinator = id;
            // on this session's loop, so the channel's publishing runs where the session's does
            ctx.channel().eventLoop().register(ch).addListener(f -> {
                if (f.isSuccess()) {
                    connected.trySuccess();
                } else if (connected.tryFailure(f.cause())) {
                    ctx.close();
                }
            });
        } else if (coordinator != null && !id.equals(coordinator)) {
            ch.closed(new ConnectException("the coordinator left the MQTT broker at " + broker));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!connected.tryFailure(new ConnectException("the MQTT broker at " + broker + " closed the connection"))
                && connected.isSuccess()) {
            ch.closed(null);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (connected.tryFailure(cause)) {
            ctx.close();
        } else if (connected.isSuccess()) {
            ch.closed(cause);
        }
    }
}
