package jmpi.runtime.link.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.local.LocalAddress;
import java.net.SocketAddress;
import jmpi.runtime.link.MessageCarrier;

/**
 * One direction of a rank connection over the broker: messages are published to the peer's topic
 * through a session handler's context; what comes back on this side's topic is routed to the channel by
 * that handler ({@link CoordinatorHub}, {@link RankSession}). A broker relays without back-pressure and
 * drops what overflows, so the channel windows the stream ({@link MessageCarrier.Delivery#RELAYED}).
 */
final class BrokerCarrier implements MessageCarrier {
    private final String topic;
    private final boolean ownsSession;
    private final SocketAddress local;
    private final SocketAddress remote;
    private ChannelHandlerContext ctx;

    /**
     * ownsSession: a rank's connection is its session with the broker, which ends with it (a clean
     * DISCONNECT after the last messages); the coordinator's session carries every rank and lives on.
     */
    BrokerCarrier(String topic, boolean ownsSession, String localName, String remoteName) {
        this.topic = topic;
        this.ownsSession = ownsSession;
        this.local = new LocalAddress(localName);
        this.remote = new LocalAddress(remoteName);
    }

    /** The session handler whose context publishes; set before the channel is registered. */
    void attach(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Delivery delivery() {
        return Delivery.RELAYED;
    }

    @Override
    public void send(ByteBuf message) {
        ctx.write(BrokerSession.publish(topic, message, false));
    }

    @Override
    public void flush() {
        ctx.flush();
    }

    /** The messages were written before; the session's close sends DISCONNECT after them. */
    @Override
    public void end(Runnable delivered) {
        ctx.flush();
        if (ownsSession) {
            ctx.channel().close().addListener(f -> delivered.run());
        } else {
            delivered.run();
        }
    }

    @Override
    public void closed() {
        if (ownsSession) {
            ctx.channel().close();
        }
    }

    @Override
    public SocketAddress localAddress() {
        return local;
    }

    @Override
    public SocketAddress remoteAddress() {
        return remote;
    }
}
