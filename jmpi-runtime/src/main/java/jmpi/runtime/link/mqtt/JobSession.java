package jmpi.runtime.link.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import java.net.ConnectException;

/**
 * A session with the broker seen from the job, last in its pipeline after {@link BrokerSession}: what is
 * published to the job's topics reaches {@link #published} by topic, and is released after it. The
 * coordinator's ({@link CoordinatorHub}) carries every rank connection, a rank's ({@link RankSession})
 * its own. New per session.
 */
abstract class JobSession extends ChannelDuplexHandler {
    final Topics topics;
    final String broker;

    JobSession(Topics topics, String broker) {
        this.topics = topics;
        this.broker = broker;
    }

    /** A message on one of the session's topics; the payload is released on return, so a keeper retains it. */
    abstract void published(ChannelHandlerContext ctx, String topic, ByteBuf payload);

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof MqttPublishMessage p)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            published(ctx, p.variableHeader().topicName(), p.payload());
        } finally {
            p.release();
        }
    }

    ConnectException brokerClosed() {
        return new ConnectException("the MQTT broker at " + broker + " closed the connection");
    }
}
