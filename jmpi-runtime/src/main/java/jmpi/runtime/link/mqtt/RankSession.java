package jmpi.runtime.link.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import jmpi.Config;
import jmpi.runtime.link.Tls;
import jmpi.runtime.link.VirtualChannel;

/**
 * A rank's session with the broker, which carries its one connection to the coordinator: a
 * {@link VirtualChannel} with the frame codec and the rank's handler, connected once the job's coordinator
 * is on the broker, closed when the coordinator leaves or the session ends, as a TCP connection would be.
 */
final class RankSession extends JobSession {
    private final String conn;
    private final long waitMillis;
    private final BrokerCarrier carrier;
    private final VirtualChannel ch;
    private final ChannelPromise connected;
    private String coordinator;

    /** The session's channel runs on {@code loop}, which must be the session's own. */
    RankSession(Topics topics, String conn, String broker, Config config, ChannelHandler handler, EventLoop loop) {
        super(topics, broker);
        this.conn = conn;
        this.waitMillis = config.waitTime().toMillis();
        this.carrier = new BrokerCarrier(topics.toCoordinator(conn), true, "mqtt-rank-" + conn, "mqtt-coordinator");
        this.ch = new VirtualChannel(null, carrier, config);
        ch.addFrameCodec();
        ch.pipeline().addLast("client", handler);
        this.connected = new DefaultChannelPromise(ch, loop);
    }

    /** Succeeds once the job's coordinator is on the broker; fails when it is not there in time. */
    ChannelPromise connected() {
        return connected;
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
    void published(ChannelHandlerContext ctx, String topic, ByteBuf payload) {
        if (topic.equals(topics.presence())) {
            presence(ctx, payload.toString(StandardCharsets.UTF_8));
        } else if (topic.equals(topics.toRank(conn)) && connected.isSuccess()) {
            ch.arrived(payload.retain());
        }
    }

    private void presence(ChannelHandlerContext ctx, String id) {
        if (coordinator == null && !id.isEmpty() && !connected.isDone()) {
            coordinator = id;
            // on the session's loop, where the carrier publishes
            ctx.channel().eventLoop().register(ch).addListener(f -> {
                if (f.isSuccess()) {
                    // the broker connection's encryption is the channel's: its link reports it
                    ch.attr(Tls.PROTOCOL).set(Tls.protocol(ctx.channel()));
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
        if (!connected.tryFailure(brokerClosed()) && connected.isSuccess()) {
            ch.closed(null);
        }
        ctx.fireChannelInactive();
    }

    /** Before the coordinator is there, a failed attempt; after, a lost coordinator. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (connected.tryFailure(cause)) {
            ctx.close();
        } else if (connected.isSuccess()) {
            ch.closed(cause);
        }
    }
}
