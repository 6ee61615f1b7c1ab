package jmpi.runtime.link;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import jmpi.Config;

/**
 * The coordinator's fan-in over a carrier of messages: each rank connection that appears (an MQTT
 * connection's first message, a gRPC stream) becomes a {@link VirtualChannel} with the frame codec and
 * then whatever the coordinator adds, handed over like an accepted TCP connection. It keeps the open ones
 * by key (a connection id, a call), for routing what arrives and for closing them all.
 */
public final class VirtualAcceptor {
    private static final System.Logger LOG = System.getLogger(VirtualAcceptor.class.getName());

    private final Config config;
    private final Consumer<Channel> rank;
    private final Map<Object, VirtualChannel> open = new ConcurrentHashMap<>();

    /** rank: the coordinator's set-up of each channel, as for a TCP connection. */
    public VirtualAcceptor(Config config, Consumer<Channel> rank) {
        this.config = config;
        this.rank = rank;
    }

    /**
     * A new rank connection on {@code carrier}: its channel, registered on {@code loop} (at once when
     * called there). A channel that cannot be registered (the loop is shutting down) is closed by Netty,
     * which ends its carrier.
     */
    public VirtualChannel accept(Object key, Channel parent, MessageCarrier carrier, EventLoop loop) {
        VirtualChannel ch = new VirtualChannel(parent, carrier, config);
        ch.pipeline().addLast(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel c) {
                ch.addFrameCodec();
                rank.accept(c);
            }
        });
        open.put(key, ch);
        ch.closeFuture().addListener(f -> open.remove(key, ch));
        loop.register(ch).addListener(f -> {
            if (!f.isSuccess()) {
                LOG.log(System.Logger.Level.WARNING, "cannot serve the rank connection from "
                        + carrier.remoteAddress(), f.cause());
                open.remove(key, ch);
            }
        });
        return ch;
    }

    /** The open channel of a key, or null. */
    public VirtualChannel get(Object key) {
        return open.get(key);
    }

    public boolean isEmpty() {
        return open.isEmpty();
    }

    /** Closes every channel, and runs {@code then} once each has let its last frames out. */
    public void closeAll(Runnable then) {
        List<VirtualChannel> all = List.copyOf(open.values());
        if (all.isEmpty()) {
            then.run();
            return;
        }
        AtomicInteger left = new AtomicInteger(all.size());
        for (VirtualChannel ch : all) {
            ch.close().addListener(f -> {
                if (left.decrementAndGet() == 0) {
                    then.run();
                }
            });
        }
    }

    /** The carrier under every channel is gone: each closes without waiting to send. */
    public void loseAll() {
        for (VirtualChannel ch : List.copyOf(open.values())) {
            ch.closed(null);
        }
    }
}
