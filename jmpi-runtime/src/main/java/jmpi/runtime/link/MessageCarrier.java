package jmpi.runtime.link;

import io.netty.buffer.ByteBuf;
import java.net.SocketAddress;

/**
 * What a {@link VirtualChannel} rides on: something that sends messages of bytes to one peer and brings
 * back the peer's (an MQTT broker's topics, a gRPC stream). The carrier only sends; it hands what arrives
 * to {@link VirtualChannel#arrived}, and tells {@link VirtualChannel#closed} when it is over. Ordering,
 * chunking, back-pressure and frames are the channel's.
 *
 * <p>The channel calls every method on its event loop.
 */
public interface MessageCarrier {
    /** What a carrier promises about its messages, and so what the channel adds on top. */
    enum Delivery {
        /**
         * Messages arrive whole and in order, and the carrier paces the sender ({@link #isReady()}) and the
         * receiver ({@link #request}) itself, as gRPC's flow control does: each frame is one message.
         */
        PACED,
        /**
         * Messages are relayed without back-pressure and may be dropped when a queue overflows, as by an
         * MQTT broker: the frames form a byte stream sent in numbered chunks within a window the receiver
         * acknowledges ({@link Envelope}).
         */
        RELAYED
    }

    default Delivery delivery() {
        return Delivery.PACED;
    }

    /** Sends one message; the carrier owns it from here and releases it. */
    void send(ByteBuf message);

    /** Sends what {@link #send} may hold back until a burst is over. */
    default void flush() {
    }

    /** Whether the carrier takes messages now; after false, it calls {@link VirtualChannel#ready()} once it does. */
    default boolean isReady() {
        return true;
    }

    /** Asks for up to this many more messages, for a carrier that paces its receiver. */
    default void request(int messages) {
    }

    /**
     * Ends this side after everything sent, and runs {@code delivered} once the peer has it all (or there
     * is no more to learn about it): a process that exits right after must not lose its last messages in
     * buffers on the way, as a socket's would not be lost in the kernel's.
     */
    void end(Runnable delivered);

    /** The channel is closed, whichever side ended: lets go of what the carrier holds. */
    default void closed() {
    }

    SocketAddress localAddress();

    SocketAddress remoteAddress();
}
