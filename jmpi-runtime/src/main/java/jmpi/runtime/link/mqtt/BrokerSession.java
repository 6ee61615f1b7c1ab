package jmpi.runtime.link.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.ConnectException;
import java.util.List;

/**
 * One client session with the broker (MQTT 3.1.1): connects with a last will, subscribes, keeps the
 * session alive, acknowledges what it receives and numbers what it publishes. When the subscriptions
 * hold it fires {@link #READY}; every message published to them goes on as an {@link MqttPublishMessage}.
 * New per channel: it keeps the packet numbers.
 */
final class BrokerSession extends ChannelDuplexHandler {
    /** Fired once the broker has accepted the session and its subscriptions. */
    static final Object READY = new Object() {
        @Override
        public String toString() {
            return "READY";
        }
    };

    /** Seconds of silence after which the broker drops the session (and publishes its will). */
    static final int KEEP_ALIVE = 30;

    private final String broker;
    private final String clientId;
    private final String willTopic;
    private final byte[] will;
    private final boolean willRetained;
    private final List<String> subscriptions;
    private int nextPacketId;
    private boolean connected;

    BrokerSession(String broker, String clientId, String willTopic, byte[] will, boolean willRetained,
                  List<String> subscriptions) {
        this.broker = broker;
        this.clientId = clientId;
        this.willTopic = willTopic;
        this.will = will;
        this.willRetained = willRetained;
        this.subscriptions = List.copyOf(subscriptions);
    }

    /**
     * A message to publish. The streams go at QoS 0: on one live session the broker keeps their order and,
     * within the window of {@link Outbox}, loses none (their numbers would tell); QoS 1 would double the
     * packets, and each small packet can wait on a broker that batches (Nagle). The coordinator's retained
     * announcement goes at QoS 1, numbered by the session on the way out.
     */
    static MqttPublishMessage publish(String topic, ByteBuf payload, boolean retained) {
        MqttQoS qos = retained ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
        return new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, false, qos, retained, 0),
                new MqttPublishVariableHeader(topic, 0), payload);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(MqttMessageBuilders.connect()
                .protocolVersion(MqttVersion.MQTT_3_1_1)
                .clientId(clientId)
                .cleanSession(true)
                .keepAlive(KEEP_ALIVE)
                .willFlag(true)
                .willTopic(willTopic)
                .willMessage(will)
                .willQoS(MqttQoS.AT_LEAST_ONCE)
                .willRetain(willRetained)
                .build());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof MqttMessage m)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (m.decoderResult().isFailure()) {
            ReferenceCountUtil.release(m);
            ctx.fireExceptionCaught(new ConnectException("unreadable MQTT packet from the broker at " + broker + ": "
                    + m.decoderResult().cause()));
            ctx.close();
            return;
        }
        switch (m.fixedHeader().messageType()) {
            case CONNACK -> connAck(ctx, (MqttConnAckMessage) m);
            case SUBACK -> subAck(ctx, (MqttSubAckMessage) m);
            case PUBLISH -> {
                MqttPublishMessage p = (MqttPublishMessage) m;
                if (p.fixedHeader().qosLevel() != MqttQoS.AT_MOST_ONCE) {
                    ctx.write(MqttMessageBuilders.pubAck().packetId(p.variableHeader().packetId()).build());
                }
                ctx.fireChannelRead(p);
            }
            default -> ReferenceCountUtil.release(m); // PUBACK, PINGRESP: nothing to do
        }
    }

    private void connAck(ChannelHandlerContext ctx, MqttConnAckMessage m) {
        MqttConnectReturnCode code = m.variableHeader().connectReturnCode();
        if (code != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            ctx.fireExceptionCaught(new ConnectException("the MQTT broker at " + broker + " refused the session: "
                    + code));
            ctx.close();
            return;
        }
        connected = true;
        MqttMessageBuilders.SubscribeBuilder sub = MqttMessageBuilders.subscribe().messageId(packetId());
        for (String topic : subscriptions) {
            sub.addSubscription(MqttQoS.AT_LEAST_ONCE, topic);
        }
        ctx.writeAndFlush(sub.build());
    }

    private void subAck(ChannelHandlerContext ctx, MqttSubAckMessage m) {
        List<Integer> granted = m.payload().grantedQoSLevels();
        for (int i = 0; i < granted.size(); i++) {
            if (granted.get(i) >= 0x80) {
                ctx.fireExceptionCaught(new ConnectException("the MQTT broker at " + broker + " refused a subscription to "
                        + (i < subscriptions.size() ? subscriptions.get(i) : "a topic") + " (see its access control)"));
                ctx.close();
                return;
            }
        }
        ctx.fireUserEventTriggered(READY);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // the acknowledgements of this read burst
        ctx.flush();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof MqttPublishMessage p && p.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE
                && p.variableHeader().packetId() == 0) {
            msg = new MqttPublishMessage(p.fixedHeader(),
                    new MqttPublishVariableHeader(p.variableHeader().topicName(), packetId()), p.payload());
        }
        ctx.write(msg, promise);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (connected && ctx.channel().isActive()) {
            // a clean goodbye: the broker then drops the will instead of publishing it
            connected = false;
            ctx.writeAndFlush(MqttMessage.DISCONNECT).addListener(f -> ctx.close(promise));
        } else {
            ctx.close(promise);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent e) {
            if (e.state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(MqttMessage.PINGREQ);
            } else if (e.state() == IdleState.READER_IDLE) {
                ctx.fireExceptionCaught(new ConnectException("the MQTT broker at " + broker + " stopped answering"));
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    /** Packet numbers run 1..65535; only the subscription and the announcement use them. */
    private int packetId() {
        nextPacketId = nextPacketId % 0xFFFF + 1;
        return nextPacketId;
    }
}
