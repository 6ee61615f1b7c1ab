package jmpi.transport.grpc;

import io.netty.buffer.ByteBuf;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import jmpi.runtime.link.MessageCarrier;

/**
 * A gRPC call as the carrier of a {@link jmpi.runtime.link.VirtualChannel}: a server call on the
 * coordinator, a client call on a rank, which share no interface, so each passes its own methods. gRPC
 * keeps the messages in order and paces both sides with HTTP/2's flow control; every call into it
 * happens on the channel's event loop, as a call is not thread-safe.
 */
abstract class CallCarrier implements MessageCarrier {
    private final IntConsumer request;
    private final BooleanSupplier ready;
    private final Consumer<ByteBuf> send;

    CallCarrier(IntConsumer request, BooleanSupplier ready, Consumer<ByteBuf> send) {
        this.request = request;
        this.ready = ready;
        this.send = send;
    }

    @Override
    public final void request(int messages) {
        request.accept(messages);
    }

    @Override
    public final boolean isReady() {
        return ready.getAsBoolean();
    }

    /** gRPC releases the message once it has drained it into its own buffers. */
    @Override
    public final void send(ByteBuf message) {
        send.accept(message);
    }
}
