package jmpi.transport.grpc;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.DefaultChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import jmpi.Config;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.link.Netty;
import jmpi.runtime.link.Tls;
import jmpi.runtime.link.VirtualChannel;

/**
 * On a rank: one attempt to open the stream to the coordinator, on a gRPC channel of its own. The
 * attempt succeeds when the coordinator's headers arrive, and fails when the stream closes first or
 * nothing comes within {@link #ATTEMPT_MS}; the caller tries again until {@code JMPI_WAIT} runs out.
 * Everything runs on one event loop of the rank: gRPC's connection, the call, the channel.
 */
final class StreamConnector extends CallCarrier {
    static final int ATTEMPT_MS = 5000;
    private static final Object TLS_LOCK = new Object();
    private static List<String> tlsFiles;
    private static SslContext tlsContext;

    private final Config config;

    private final InetSocketAddress coordinator;
    private final EventLoop loop;
    private final ManagedChannel grpc;
    private final ClientCall<ByteBuf, ByteBuf> call;
    private final VirtualChannel ch;
    private final ChannelPromise connected;
    // event loop only: what waits for the coordinator to close its side
    private Runnable onClosed;

    private StreamConnector(Config config, InetSocketAddress coordinator, EventLoop loop, ManagedChannel grpc,
                            ClientCall<ByteBuf, ByteBuf> call, ChannelHandler handler) {
        super(call::request, call::isReady, call::sendMessage);
        this.config = config;
        this.coordinator = coordinator;
        this.loop = loop;
        this.grpc = grpc;
        this.call = call;
        this.ch = new VirtualChannel(null, this, config);
        ch.addFrameCodec();
        ch.pipeline().addLast("client", handler);
        this.connected = new DefaultChannelPromise(ch, loop);
    }

    /** Starts an attempt; the future's channel reads and writes frames, with {@code handler} last. */
    static ChannelFuture open(Config config, EventLoop loop, InetSocketAddress coordinator, ChannelHandler handler) {
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(coordinator);
        if (config.ssl()) {
            builder.sslContext(clientTls(config)).useTransportSecurity();
        } else {
            builder.usePlaintext();
        }
        ManagedChannel grpc = builder
                .eventLoopGroup(loop)
                .channelType(Netty.socketChannel())
                .directExecutor()
                // straight to the coordinator, whatever proxy the JVM is told of
                .proxyDetector(target -> null)
                // a stream of frames is never replayed, so nothing needs to be kept for a retry
                .disableRetry()
                .maxInboundMessageSize(Netty.maxFrame(config.serialSize()))
                .withOption(ChannelOption.CONNECT_TIMEOUT_MILLIS, ATTEMPT_MS)
                .withOption(ChannelOption.TCP_NODELAY, true)
                .build();
        StreamConnector stream = new StreamConnector(config, coordinator, loop, grpc,
                grpc.newCall(FramesService.FRAMES, CallOptions.DEFAULT), handler);
        loop.execute(stream::start);
        return stream.connected;
    }

    /** The rank's TLS, with HTTP/2's ALPN; read once per configuration, as a rank retries many times a second. */
    private static SslContext clientTls(Config config) {
        synchronized (TLS_LOCK) {
            List<String> files = Arrays.asList(config.sslCa(), config.sslCert(), config.sslKey());
            if (!files.equals(tlsFiles)) {
                tlsContext = Tls.client(config, b -> GrpcSslContexts.configure(b, SslProvider.JDK));
                tlsFiles = files;
            }
            return tlsContext;
        }
    }

    private void start() {
        Future<?> timeout = loop.schedule(() -> fail(new ConnectTimeoutException("the coordinator at "
                + coordinator + " opened no stream within " + ATTEMPT_MS + " ms")), ATTEMPT_MS, TimeUnit.MILLISECONDS);
        connected.addListener(f -> timeout.cancel(false));
        call.start(new Listener(), TokenHeader.of(config));
    }

    private void fail(Throwable cause) {
        if (connected.tryFailure(cause)) {
            grpc.shutdownNow();
        }
    }

    /**
     * Half-closes: the coordinator reads what was sent, then sees the end, as after a socket's close,
     * and closes its side, which tells this side that all has arrived. A coordinator that does not
     * answer gets {@link #ATTEMPT_MS}.
     */
    @Override
    public void end(Runnable delivered) {
        Future<?> giveUp = loop.schedule(this::closedByCoordinator, ATTEMPT_MS, TimeUnit.MILLISECONDS);
        onClosed = () -> {
            giveUp.cancel(false);
            delivered.run();
        };
        call.halfClose();
    }

    private void closedByCoordinator() {
        Runnable r = onClosed;
        onClosed = null;
        if (r != null) {
            r.run();
        }
    }

    /** The call has finished, or soon will; the connection goes after it. */
    @Override
    public void closed() {
        grpc.shutdown();
    }

    @Override
    public SocketAddress localAddress() {
        return call.getAttributes().get(Grpc.TRANSPORT_ATTR_LOCAL_ADDR);
    }

    @Override
    public SocketAddress remoteAddress() {
        return coordinator;
    }

    /** A failed TLS handshake, said in jmpi's words: which peer, and what its certificate was checked against. */
    private Throwable clear(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SSLException tls) {
                SSLHandshakeException e = new SSLHandshakeException("TLS handshake with the coordinator at "
                        + coordinator.getHostString() + ":" + coordinator.getPort() + " failed; its certificate was"
                        + " checked against " + Tls.trustSource(config) + ": " + tls.getMessage());
                e.initCause(failure);
                return e;
            }
        }
        return failure;
    }

    /** The call's events, for the attempt and then for the channel. */
    private final class Listener extends ClientCall.Listener<ByteBuf> {
        /** The coordinator's headers: the stream is open. */
        @Override
        public void onHeaders(Metadata headers) {
            if (connected.isDone()) {
                return;
            }
            SSLSession tls = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
            if (tls != null) {
                ch.attr(Tls.PROTOCOL).set(tls.getProtocol());
            }
            loop.register(ch).addListener(f -> {
                if (f.isSuccess()) {
                    connected.trySuccess();
                } else {
                    fail(f.cause());
                }
            });
        }

        @Override
        public void onMessage(ByteBuf message) {
            ch.arrived(message);
        }

        /** Before the headers, a failed attempt; after them, the coordinator closed or was lost. */
        @Override
        public void onClose(Status status, Metadata trailers) {
            if (!connected.isDone() && status.getCode() == Status.Code.UNAUTHENTICATED) {
                // refused on its headers: trying again would be refused again
                fail(new MPIException(MPI.ERR_OTHER, "the coordinator at " + coordinator + " refused this rank: "
                        + status.getDescription()));
            } else if (!connected.isDone()) {
                fail(clear(status.asRuntimeException(trailers)));
            } else if (connected.isSuccess()) {
                closedByCoordinator();
                ch.closed(status.isOk() ? null : status.asRuntimeException(trailers));
            }
        }

        @Override
        public void onReady() {
            ch.ready();
        }
    }
}
