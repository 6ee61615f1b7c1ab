package jmpi.runtime.link.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.util.concurrent.Promise;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The coordinator's side of the broker: announces the coordinator on the job's presence topic, and
 * turns every rank connection that appears on the job's topics into a {@link RankChannel}, handed to
 * the coordinator like an accepted TCP connection. Runs on the coordinator's event loop; new per session.
 */
final class CoordinatorHub extends ChannelDuplexHandler {
    private static final System.Logger LOG = System.getLogger(CoordinatorHub.class.getName());

    private final Topics topics;
    private final String id;
    private final String broker;
    private final int queue;
    private final Consumer<Channel> rank;
    private final Promise<Void> ready;
    private final Map<String, RankChannel> ranks = new LinkedHashMap<>();
    private final List<RankChannel> touched = new ArrayList<>();
    private ChannelHandlerContext ctx;

    CoordinatorHub(Topics topics, String id, String broker, int queue, Consumer<Channel> rank, Promise<Void> ready) {
        this.topics = topics;
        this.id = id;
        this.broker = broker;
        this.queue = queue;
        this.rank = rank;
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
            if (conn != null && Envelope.valid(p.payload())) {
                fromRank(conn, p.payload());
            }
        } finally {
            p.release();
        }
    }

    private void fromRank(String conn, ByteBuf m) {
        RankChannel ch = ranks.get(conn);
        switch (Envelope.kind(m)) {
            case Envelope.DATA -> {
                int seq = Envelope.seq(m);
                if (ch == null) {
                    if (seq != 0) {
                        return; // the rest of a connection that is gone
                    }
                    ch = open(conn);
                }
                if (!ch.inOrder(seq)) {
                    LOG.log(System.Logger.Level.WARNING, "closing rank connection {0}: the MQTT broker lost messages"
                            + " (got {1})", conn, seq);
                    ch.close();
                    return;
                }
                if (Envelope.ackRequested(m)) {
                    ctx.write(BrokerSession.publish(topics.toRank(conn), Envelope.ack(ctx.alloc(), seq), false));
                }
                touched.add(ch);
                ch.deliver(Envelope.bytes(m));
            }
            case Envelope.ACK -> {
                if (ch != null) {
                    ch.outbox().acked(Envelope.seq(m));
                }
            }
            default -> {
                // END: the rank left, or the broker published its last will
                if (ch != null) {
                    ch.close();
                }
            }
        }
    }

    /** A new rank connection: a channel with the frame codec and the coordinator's handler. */
    private RankChannel open(String conn) {
        RankChannel ch = new RankChannel(ctx.channel(), conn, () -> closed(conn));
        ch.outbox(new Outbox(new Outbox.Sink() {
            @Override
            public ByteBufAllocator alloc() {
                return ctx.alloc();
            }

            @Override
            public ChannelFuture publish(ByteBuf payload) {
                return ctx.write(BrokerSession.publish(topics.toRank(conn), payload, false));
            }

            @Override
            public void flush() {
                ctx.flush();
            }

            @Override
            public void writable(boolean writable) {
                ch.writability(writable);
            }
        }, queue));
        ranks.put(conn, ch);
        rank.accept(ch);
        // on this very loop, so registration is done when this returns
        ctx.channel().eventLoop().register(ch);
        return ch;
    }

    private void closed(String conn) {
        RankChannel ch = ranks.remove(conn);
        if (ch != null && ctx.channel().isActive()) {
            ch.outbox().end();
        } else if (ch != null) {
            ch.outbox().discard();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        for (RankChannel ch : touched) {
            ch.readComplete();
        }
        touched.clear();
        ctx.fireChannelReadComplete();
    }

    /** Ends every rank connection and withdraws the coordinator from the broker, then closes. */
    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        for (RankChannel ch : new ArrayList<>(ranks.values())) {
            ch.close();
        }
        if (ctx.channel().isActive()) {
            // an empty retained message removes the announcement
            ctx.writeAndFlush(BrokerSession.publish(topics.presence(), Unpooled.EMPTY_BUFFER, true));
        }
        ctx.close(promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ready.tryFailure(new java.net.ConnectException("the MQTT broker at " + broker + " closed the connection"));
        if (!ranks.isEmpty()) {
            LOG.log(System.Logger.Level.ERROR, "lost the MQTT broker at {0}: every rank connection fails", broker);
        }
        for (RankChannel ch : new ArrayList<>(ranks.values())) {
            ch.close();
        }
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
