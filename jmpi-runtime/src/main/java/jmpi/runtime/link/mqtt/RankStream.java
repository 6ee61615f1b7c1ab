package jmpi.runtime.link.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A rank's end of its connection over the broker, between the MQTT session and the frame codec: frame
 * bytes go out on the connection's topic to the coordinator and come back on the connection's own. The
 * channel counts as connected ({@code ready}) once the job's coordinator is on the broker; when the
 * coordinator leaves, the channel closes, as a TCP connection would. New per channel.
 */
final class RankStream extends ChannelDuplexHandler {
    /** How long a leaving rank waits for the window to let its last frames out. */
    private static final long DRAIN_MILLIS = 5000;

    private final Topics topics;
    private final String conn;
    private final String broker;
    private final int queue;
    private final long waitMillis;
    private final Promise<Void> ready = ImmediateEventExecutor.INSTANCE.newPromise();
    private ChannelHandlerContext ctx;
    private Outbox outbox;
    private String coordinator;
    private int expectedSeq;
    private ChannelPromise closing;

    RankStream(Topics topics, String conn, String broker, int queue, long waitMillis) {
        this.topics = topics;
        this.conn = conn;
        this.broker = broker;
        this.queue = queue;
        this.waitMillis = waitMillis;
    }

    /** Succeeds once the job's coordinator is on the broker; fails when it is not there in time. */
    Future<Void> ready() {
        return ready;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.outbox = new Outbox(new Outbox.Sink() {
            @Override
            public ByteBufAllocator alloc() {
                return ctx.alloc();
            }

            @Override
            public ChannelFuture publish(ByteBuf payload) {
                return ctx.write(BrokerSession.publish(topics.toCoordinator(conn), payload, false));
            }

            @Override
            public void flush() {
                ctx.flush();
            }

            @Override
            public void writable(boolean writable) {
                ChannelOutboundBuffer b = ctx.channel().unsafe().outboundBuffer();
                if (b != null) {
                    b.setUserDefinedWritability(1, writable);
                }
            }
        }, queue);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ScheduledFuture<?> timeout = ctx.executor().schedule(() -> {
            if (ready.tryFailure(new ConnectException("no coordinator of this job is on the MQTT broker at " + broker
                    + " (topics " + topics.prefix() + "): rank 0 starts it when JMPI_ADDR is unset, jmpi-server --proto"
                    + " mqtt when it is set, and it must have this rank's JMPI_TOKEN"))) {
                ctx.close();
            }
        }, waitMillis, TimeUnit.MILLISECONDS);
        ready.addListener(f -> timeout.cancel(false));
        // not passed on: the rank's handler hears of the channel once the coordinator is there
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
            } else if (topic.equals(topics.toRank(conn))) {
                fromCoordinator(ctx, p.payload());
            }
        } finally {
            p.release();
        }
    }

    private void presence(ChannelHandlerContext ctx, ByteBuf payload) {
        String id = payload.toString(StandardCharsets.UTF_8);
        if (coordinator == null && !id.isEmpty()) {
            coordinator = id;
            ready.trySuccess(null);
        } else if (coordinator != null && !id.equals(coordinator)) {
            ctx.fireExceptionCaught(new ConnectException("the coordinator left the MQTT broker at " + broker));
            ctx.close();
        }
    }

    private void fromCoordinator(ChannelHandlerContext ctx, ByteBuf m) {
        if (!ready.isSuccess() || !Envelope.valid(m)) {
            return;
        }
        switch (Envelope.kind(m)) {
            case Envelope.DATA -> {
                int seq = Envelope.seq(m);
                if (seq != expectedSeq) {
                    ctx.fireExceptionCaught(new ConnectException("the MQTT broker at " + broker + " lost messages from"
                            + " the coordinator (got " + seq + ", expected " + expectedSeq + ")"));
                    ctx.close();
                    return;
                }
                expectedSeq++;
                if (Envelope.ackRequested(m)) {
                    ctx.write(BrokerSession.publish(topics.toCoordinator(conn), Envelope.ack(ctx.alloc(), seq), false));
                }
                ctx.fireChannelRead(Envelope.bytes(m));
            }
            case Envelope.ACK -> {
                outbox.acked(Envelope.seq(m));
                if (closing != null && outbox.drained()) {
                    finishClose();
                }
            }
            default -> ctx.close(); // END: the coordinator closed this connection
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf b) {
            outbox.add(b, promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        outbox.send();
        if (closing != null && outbox.drained()) {
            finishClose();
        }
        ctx.flush();
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (!ready.isSuccess() || !ctx.channel().isActive() || outbox.drained()) {
            closing = promise;
            finishClose();
            return;
        }
        // the last frames (a goodbye) still wait for the window: close once they are out, or give up
        closing = promise;
        ctx.executor().schedule(this::finishClose, DRAIN_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void finishClose() {
        ChannelPromise p = closing;
        if (p == null || p.isDone() || !ctx.channel().isOpen()) {
            if (p != null && !p.isDone()) {
                ctx.close(p);
            }
            return;
        }
        if (ready.isSuccess() && ctx.channel().isActive()) {
            outbox.end();
        } else {
            outbox.discard();
        }
        ctx.close(p);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        outbox.discard();
        if (ready.tryFailure(new ConnectException("the MQTT broker at " + broker + " closed the connection"))) {
            return;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ready.tryFailure(cause)) {
            ctx.close();
            return;
        }
        ctx.fireExceptionCaught(cause);
    }
}
