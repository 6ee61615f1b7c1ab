package jmpi.runtime.link.mqtt;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import jmpi.Config;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.link.Envelope;
import jmpi.runtime.link.Netty;
import jmpi.runtime.link.Tls;
import jmpi.runtime.link.TlsErrors;
import jmpi.runtime.link.Transport;
import jmpi.runtime.link.VirtualAcceptor;

/**
 * Frames through an MQTT broker ({@code JMPI_PROTO=mqtt}): the coordinator and every rank are clients of
 * the broker at {@code JMPI_ADDR:JMPI_PORT}, and nobody listens. Each rank connection is a
 * {@link VirtualChannel} on both ends, carried over two topics of the job ({@link Topics},
 * {@link BrokerCarrier}): the coordinator's one session carries them all ({@link CoordinatorHub}), a
 * rank's session carries its own ({@link RankSession}). With {@code JMPI_SSL} the sessions with the
 * broker use TLS, checked as a rank checks a TCP coordinator.
 */
public final class MqttTransport implements Transport {
    public static final MqttTransport INSTANCE = new MqttTransport();

    /** The largest MQTT packet taken from the broker: a stream's message and the packet's headers. */
    private static final int MAX_PACKET = Envelope.MAX_MESSAGE + (1 << 16);

    private MqttTransport() {
    }

    @Override
    public String name() {
        return "mqtt";
    }

    @Override
    public Listener listen(Config config, EventLoopGroup group, String host, int port, Consumer<Channel> rank) {
        Topics topics = Topics.of(config.token());
        String id = Topics.newId();
        String broker = host + ":" + port;
        SslContext tls = config.ssl() ? Tls.client(config) : null;
        Promise<Void> ready = ImmediateEventExecutor.INSTANCE.newPromise();
        CoordinatorHub hub = new CoordinatorHub(topics, id, broker, new VirtualAcceptor(config, rank), ready);
        Channel ch = bootstrap(group).handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                session(ch, tls, config, host, port, new BrokerSession(broker, "jmpi-c-" + id, topics.presence(),
                        new byte[0], true, List.of(topics.toCoordinatorAll()))).addLast("hub", hub);
            }
        }).connect(host, port).addListener(f -> {
            if (!f.isSuccess()) {
                ready.tryFailure(f.cause());
            }
        }).channel();
        long wait = Math.max(config.waitTime().toMillis(), 1000);
        if (!ready.awaitUninterruptibly(wait, TimeUnit.MILLISECONDS) || !ready.isSuccess()) {
            ch.close();
            Throwable cause = ready.cause();
            throw new MPIException(MPI.ERR_OTHER, "cannot reach the MQTT broker at " + broker + " (JMPI_ADDR, JMPI_PORT): "
                    + (cause == null ? "no answer within " + wait + " ms" : cause.getMessage()), cause);
        }
        InetSocketAddress address = (InetSocketAddress) ch.remoteAddress();
        return new Listener() {
            @Override
            public InetSocketAddress address() {
                return address;
            }

            @Override
            public void close() {
                ch.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
            }
        };
    }

    @Override
    public ChannelFuture connect(Config config, EventLoopGroup group, String host, int port, ChannelHandler handler) {
        Topics topics = Topics.of(config.token());
        String conn = Topics.newId();
        String broker = host + ":" + port;
        SslContext tls = config.ssl() ? Tls.client(config) : null;
        // connected means: to the broker, and the job's coordinator is there
        EventLoop loop = group.next();
        RankSession rank = new RankSession(topics, conn, broker, config, handler, loop);
        bootstrap(loop).handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                session(ch, tls, config, host, port, new BrokerSession(broker, "jmpi-r-" + conn,
                        topics.toCoordinator(conn), Envelope.endMessage(), false,
                        List.of(topics.toRank(conn), topics.presence()))).addLast("rank", rank);
            }
        }).connect(host, port).addListener(f -> {
            if (!f.isSuccess()) {
                rank.connected().tryFailure(f.cause());
            }
        });
        return rank.connected();
    }

    private static Bootstrap bootstrap(EventLoopGroup group) {
        return new Bootstrap()
                .group(group)
                .channel(Netty.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000);
    }

    /** TLS (when on), the MQTT codec, keep-alive and the session, first in the pipeline. */
    private static ChannelPipeline session(SocketChannel ch, SslContext tls, Config config, String host, int port,
                                           BrokerSession session) {
        ChannelPipeline p = ch.pipeline();
        if (tls != null) {
            p.addLast("tls", Tls.clientHandler(tls, ch.alloc(), host, port));
            p.addLast("tls-errors", TlsErrors.connecting("the MQTT broker at " + host + ":" + port,
                    Tls.trustSource(config)));
        }
        p.addLast("mqtt-decoder", new MqttDecoder(MAX_PACKET));
        p.addLast("mqtt-encoder", MqttEncoder.INSTANCE);
        // ping at half the keep-alive; give up when the broker has said nothing for one and a half
        p.addLast("idle", new IdleStateHandler(BrokerSession.KEEP_ALIVE * 3 / 2, BrokerSession.KEEP_ALIVE / 2, 0));
        p.addLast("mqtt", session);
        return p;
    }
}
