package jmpi.transport.grpc;

import io.grpc.Server;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import jmpi.Config;
import jmpi.runtime.link.Doorway;
import jmpi.runtime.link.Netty;
import jmpi.runtime.link.Tls;
import jmpi.runtime.link.Transport;

/**
 * {@code JMPI_PROTO=grpc}: each rank holds one bidirectional gRPC stream to the coordinator
 * ({@code jmpi.Coordinator/Frames}), over HTTP/2, and every frame is one message of it. With {@code JMPI_SSL}
 * the HTTP/2 connection is TLS, from the same {@code JMPI_SSL_*} files as on TCP ({@link Tls}).
 * gRPC runs on the event loops the runtime gives it; its flow control is the channels' back-pressure.
 */
public final class GrpcTransport implements Transport {
    /** For {@link java.util.ServiceLoader}. */
    public GrpcTransport() {
    }

    @Override
    public String name() {
        return "grpc";
    }

    /** Frames in and out, one per message, in front of the business handler; a new decoder per channel. */
    static void addCodec(ChannelPipeline p) {
        Netty.addMessageCodec(p);
    }

    /** With {@code JMPI_SSL}: the coordinator's TLS, with the ALPN settings HTTP/2 needs; else null. */
    private static SslContext serverTls(Config config) {
        return config.ssl() ? Tls.server(config, b -> GrpcSslContexts.configure(b, SslProvider.JDK)) : null;
    }

    @Override
    public Listener listen(Config config, EventLoopGroup group, String host, int port, Consumer<Channel> rank) {
        // read before binding, so that a missing key fails the start, not every connection
        SslContext tls = serverTls(config);
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
                .sslContext(tls)
                .bossEventLoopGroup(group)
                .workerEventLoopGroup(group)
                .channelType(Netty.serverChannel())
                // listeners only hand messages to the channels' event loops, so they run where gRPC calls them
                .directExecutor()
                .maxInboundMessageSize(Netty.maxFrame(config.serialSize()))
                // a stranger's connection: TLS and HTTP/2's preface within the deadline, no stream of its
                // own for as long (a rank's stream stays open all the job), one stream per connection
                .handshakeTimeout(Doorway.DEADLINE_SECONDS, TimeUnit.SECONDS)
                .maxConnectionIdle(Doorway.DEADLINE_SECONDS, TimeUnit.SECONDS)
                .maxConcurrentCallsPerConnection(1)
                .withOption(ChannelOption.SO_REUSEADDR, true)
                .withChildOption(ChannelOption.TCP_NODELAY, true)
                .addService(FramesService.definition(new StreamAcceptor(config, group, rank)))
                .build();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        InetSocketAddress address = (InetSocketAddress) server.getListenSockets().get(0);
        return new Listener() {
            @Override
            public InetSocketAddress address() {
                return address;
            }

            /** Refuses new streams; the open ones end as the coordinator closes their channels. */
            @Override
            public void close() {
                server.shutdown();
            }
        };
    }

    @Override
    public ChannelFuture connect(Config config, EventLoopGroup group, String host, int port, ChannelHandler handler) {
        return StreamConnector.open(config, group.next(), new InetSocketAddress(host, port), handler);
    }
}
