package jmpi.transport.grpc;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import java.net.SocketAddress;
import java.util.function.Consumer;
import jmpi.Config;

/**
 * On the coordinator: each rank's stream becomes a {@link StreamChannel} on the coordinator's event
 * loops, with the frame codec and then whatever the coordinator adds. A stream that the rank ends or
 * that breaks closes the channel, which the coordinator sees as a closed connection.
 */
final class StreamAcceptor implements ServerCallHandler<ByteBuf, ByteBuf> {
    private static final System.Logger LOG = System.getLogger(StreamAcceptor.class.getName());

    private final Config config;
    private final EventLoopGroup group;
    private final Consumer<Channel> rank;

    StreamAcceptor(Config config, EventLoopGroup group, Consumer<Channel> rank) {
        this.config = config;
        this.group = group;
        this.rank = rank;
    }

    @Override
    public ServerCall.Listener<ByteBuf> startCall(ServerCall<ByteBuf, ByteBuf> call, Metadata headers) {
        StreamChannel ch = new StreamChannel(new ServerStream(call), config);
        ch.pipeline().addLast(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel c) {
                GrpcTransport.addCodec(c.pipeline());
                rank.accept(c);
            }
        });
        // the headers tell the rank that its stream is open
        call.sendHeaders(new Metadata());
        group.next().register(ch).addListener(f -> {
            if (!f.isSuccess()) {
                LOG.log(System.Logger.Level.WARNING, "cannot serve the stream from " + ch.remoteAddress(), f.cause());
                call.close(Status.UNAVAILABLE.withDescription("the coordinator is shutting down"), new Metadata());
            }
        });
        return new Listener(ch);
    }

    private static final class ServerStream implements StreamChannel.Stream {
        private final ServerCall<ByteBuf, ByteBuf> call;

        ServerStream(ServerCall<ByteBuf, ByteBuf> call) {
            this.call = call;
        }

        @Override
        public void request(int messages) {
            call.request(messages);
        }

        @Override
        public boolean isReady() {
            return call.isReady();
        }

        @Override
        public void send(ByteBuf message) {
            call.sendMessage(message);
        }

        /** The coordinator's process lives on, so what is sent arrives: no need to wait. */
        @Override
        public void end(Runnable seen) {
            call.close(Status.OK, new Metadata());
            seen.run();
        }

        @Override
        public SocketAddress localAddress() {
            return call.getAttributes().get(Grpc.TRANSPORT_ATTR_LOCAL_ADDR);
        }

        @Override
        public SocketAddress remoteAddress() {
            return call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        }
    }

    private static final class Listener extends ServerCall.Listener<ByteBuf> {
        private final StreamChannel ch;

        Listener(StreamChannel ch) {
            this.ch = ch;
        }

        @Override
        public void onMessage(ByteBuf message) {
            ch.received(message);
        }

        @Override
        public void onReady() {
            ch.ready();
        }

        /** The rank closed its side, as a socket's end of stream. */
        @Override
        public void onHalfClose() {
            ch.ended(null);
        }

        /** The rank went away or its stream broke: a closed connection, which fails the rank unless it left. */
        @Override
        public void onCancel() {
            LOG.log(System.Logger.Level.DEBUG, "the stream from {0} was cancelled", ch.remoteAddress());
            ch.ended(null);
        }
    }
}
