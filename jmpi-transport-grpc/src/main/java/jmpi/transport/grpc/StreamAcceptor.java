package jmpi.transport.grpc;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.net.SocketAddress;
import java.util.function.Consumer;
import jmpi.Config;
import jmpi.runtime.link.Doorway;
import jmpi.runtime.link.VirtualAcceptor;
import jmpi.runtime.link.VirtualChannel;

/**
 * On the coordinator: each rank's stream becomes a {@link VirtualChannel} on the coordinator's event
 * loops, made by the {@link VirtualAcceptor} as for any carrier. A stream that the rank ends or that
 * breaks closes the channel, which the coordinator sees as a closed connection.
 */
final class StreamAcceptor implements ServerCallHandler<ByteBuf, ByteBuf> {
    private static final System.Logger LOG = System.getLogger(StreamAcceptor.class.getName());

    private final Config config;
    private final EventLoopGroup group;
    private final VirtualAcceptor acceptor;
    private final Doorway doorway = new Doorway();

    StreamAcceptor(Config config, EventLoopGroup group, Consumer<Channel> rank) {
        this.config = config;
        this.group = group;
        this.acceptor = new VirtualAcceptor(config, rank);
    }

    @Override
    public ServerCall.Listener<ByteBuf> startCall(ServerCall<ByteBuf, ByteBuf> call, Metadata headers) {
        String refused = TokenHeader.refusal(config, headers);
        if (refused != null) {
            // one line at most, rate-limited: anyone may connect; and not one message read
            doorway.refused(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR),
                    call.getAttributes().get(Grpc.TRANSPORT_ATTR_LOCAL_ADDR), refused);
            call.close(Status.UNAUTHENTICATED.withDescription(refused + "; it serves another job (check JMPI_TOKEN)"),
                    new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        // the headers tell the rank that its stream is open; sent first, as no message may precede them
        call.sendHeaders(new Metadata());
        return new Listener(acceptor.accept(call, null, new ServerCarrier(call), group.next()));
    }

    private static final class ServerCarrier extends CallCarrier {
        private final ServerCall<ByteBuf, ByteBuf> call;

        ServerCarrier(ServerCall<ByteBuf, ByteBuf> call) {
            super(call::request, call::isReady, call::sendMessage);
            this.call = call;
        }

        /** The coordinator's process lives on, so what is sent arrives: no need to wait. */
        @Override
        public void end(Runnable delivered) {
            call.close(Status.OK, new Metadata());
            delivered.run();
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
        private final VirtualChannel ch;

        Listener(VirtualChannel ch) {
            this.ch = ch;
        }

        @Override
        public void onMessage(ByteBuf message) {
            ch.arrived(message);
        }

        @Override
        public void onReady() {
            ch.ready();
        }

        /** The rank closed its side, as a socket's end of stream. */
        @Override
        public void onHalfClose() {
            ch.closed(null);
        }

        /** The rank went away or its stream broke: a closed connection, which fails the rank unless it left. */
        @Override
        public void onCancel() {
            LOG.log(System.Logger.Level.DEBUG, "the stream from {0} was cancelled", ch.remoteAddress());
            ch.closed(null);
        }
    }
}
