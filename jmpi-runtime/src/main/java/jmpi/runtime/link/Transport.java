package jmpi.runtime.link;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.function.Consumer;
import jmpi.Config;

/**
 * How frames travel between ranks and the coordinator ({@code JMPI_PROTO}). Whatever the transport,
 * both ends see Netty channels that read and write {@link jmpi.runtime.wire.Frame} objects, so the
 * coordinator and the client do not know which one they run on.
 *
 * <p>A transport outside the runtime module provides this interface through {@link java.util.ServiceLoader}.
 */
public interface Transport {
    /** The name {@code JMPI_PROTO} gives: {@code tcp}, {@code mqtt}, {@code grpc}. */
    String name();

    /**
     * Starts accepting ranks. Every rank's connection is a channel whose pipeline reads and writes
     * frames; {@code rank} then adds the coordinator's handler to it (last).
     *
     * @param group the coordinator's event loops; the transport's channels run on them
     */
    Listener listen(Config config, EventLoopGroup group, String host, int port, Consumer<Channel> rank);

    /**
     * One attempt to reach the coordinator; the caller retries until {@code JMPI_WAIT} runs out. The
     * channel reads and writes frames, with {@code handler} last in its pipeline.
     */
    ChannelFuture connect(Config config, EventLoopGroup group, String host, int port, ChannelHandler handler);

    /** A coordinator's place to be reached at. */
    interface Listener extends AutoCloseable {
        /** Where ranks reach it: the bound address, or the broker's for a broker-based transport. */
        InetSocketAddress address();

        /** Stops accepting ranks; connections already made are the caller's to close. */
        @Override
        void close();
    }
}
