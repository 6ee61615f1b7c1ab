package jmpi.runtime.link.tcp;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import jmpi.Config;
import jmpi.runtime.link.Doorway;
import jmpi.runtime.link.HandshakeGuard;
import jmpi.runtime.link.Netty;
import jmpi.runtime.link.Tls;
import jmpi.runtime.link.TlsErrors;
import jmpi.runtime.link.Transport;
import jmpi.runtime.wire.FrameSizeEstimator;

/**
 * Frames over TCP: a length prefix, then the frame; native epoll where present. With {@code JMPI_SSL} an
 * SslHandler comes first on both sides: the coordinator presents its key and certificate, ranks check them.
 */
public final class TcpTransport implements Transport {
    public static final TcpTransport INSTANCE = new TcpTransport();

    private TcpTransport() {
    }

    @Override
    public String name() {
        return "tcp";
    }

    /** Writes queue up to JMPI_SERIAL_QUEUE bytes before the channel turns unwritable (back-pressure). */
    public static WriteBufferWaterMark waterMark(Config config) {
        return new WriteBufferWaterMark(Math.min(config.serialQueue() / 2, 1 << 20), config.serialQueue());
    }

    @Override
    public Listener listen(Config config, EventLoopGroup group, String host, int port, Consumer<Channel> rank) {
        // read before binding, so that a missing key fails the start, not every connection
        SslContext tls = config.ssl() ? Tls.server(config) : null;
        // anyone may connect: until a connection shows the job token, its frames, time and number are bounded
        Doorway doorway = new Doorway();
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(Netty.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.MESSAGE_SIZE_ESTIMATOR, FrameSizeEstimator.INSTANCE)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark(config))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
                            ch.pipeline().addLast("tls-errors", TlsErrors.accepting());
                        }
                        HandshakeGuard.install(ch, doorway);
                        Netty.addCodec(ch.pipeline(), config.serialSize());
                        rank.accept(ch);
                    }
                });
        Channel server = b.bind(host, port).syncUninterruptibly().channel();
        return new Listener() {
            @Override
            public InetSocketAddress address() {
                return (InetSocketAddress) server.localAddress();
            }

            @Override
            public void close() {
                server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
            }
        };
    }

    @Override
    public ChannelFuture connect(Config config, EventLoopGroup group, String host, int port, ChannelHandler handler) {
        SslContext tls = config.ssl() ? Tls.client(config) : null;
        // resolved here, not by Netty's resolver: that one hooks the event loop's termination, whose
        // notification starts Netty's global executor, a thread that keeps the JVM alive a second at exit
        InetSocketAddress address = new InetSocketAddress(host, port);
        return new Bootstrap()
                .disableResolver()
                .group(group)
                .channel(Netty.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .option(ChannelOption.MESSAGE_SIZE_ESTIMATOR, FrameSizeEstimator.INSTANCE)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark(config))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast("tls", Tls.clientHandler(tls, ch.alloc(), host, port));
                            ch.pipeline().addLast("tls-errors", TlsErrors.connecting("the coordinator at " + host + ":"
                                    + port, Tls.trustSource(config)));
                        }
                        Netty.addCodec(ch.pipeline(), config.serialSize());
                        ch.pipeline().addLast("client", handler);
                    }
                })
                .connect(address);
    }
}
