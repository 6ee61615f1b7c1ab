package jmpi.runtime.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPipeline;
import java.net.ConnectException;
import java.util.concurrent.TimeUnit;
import jmpi.Config;

/**
 * A {@link VirtualChannel}'s frames as a byte stream over a carrier that relays without back-pressure and
 * may drop messages (an MQTT broker): out through an {@link Outbox} (chunks, numbers, the window), in
 * with every DATA message's number checked and an ACK where the sender asked for one. Runs on the
 * channel's event loop.
 */
final class RelayedStream implements Framing {
    /** How long a closing channel waits for the window to let its last frames out. */
    private static final long DRAIN_MILLIS = 5000;

    private final VirtualChannel ch;
    private final MessageCarrier carrier;
    private final long serialSize;
    private final Outbox outbox;
    private int expectedSeq;
    private Runnable finishing;
    private boolean carrierGone;

    RelayedStream(VirtualChannel ch, MessageCarrier carrier, Config config) {
        this.ch = ch;
        this.carrier = carrier;
        this.serialSize = config.serialSize();
        this.outbox = new Outbox(new Outbox.Sink() {
            @Override
            public ByteBufAllocator alloc() {
                return ch.alloc();
            }

            @Override
            public ChannelFuture publish(ByteBuf payload) {
                carrier.send(payload);
                // the channel's writes completed as they entered the outbox: nobody waits on this
                return ch.newSucceededFuture();
            }

            @Override
            public void flush() {
                carrier.flush();
            }

            /** The window is outside the outbound buffer, so it turns writability on and off by itself. */
            @Override
            public void writable(boolean writable) {
                ChannelOutboundBuffer b = ch.unsafe().outboundBuffer();
                if (b != null) {
                    b.setUserDefinedWritability(1, writable);
                }
            }
        }, config.serialQueue());
    }

    /** The frames form a byte stream, as on TCP: length framing first. */
    @Override
    public void addCodec(ChannelPipeline p) {
        Netty.addCodec(p, serialSize);
    }

    /** Into the window, which turns the channel unwritable while it is full; then out as far as it lets. */
    @Override
    public void write(ChannelOutboundBuffer in) {
        for (Object m; (m = in.current()) != null; ) {
            outbox.add(((ByteBuf) m).retain(), null);
            in.remove();
        }
        outbox.send();
        finishIfDrained();
    }

    @Override
    public void arrived(ByteBuf m) {
        try {
            if (!Envelope.valid(m)) {
                return;
            }
            switch (Envelope.kind(m)) {
                case Envelope.DATA -> data(m);
                case Envelope.ACK -> {
                    outbox.acked(Envelope.seq(m));
                    finishIfDrained();
                }
                default -> ch.closed(null); // END: the peer closed the stream, or died and left its will
            }
        } finally {
            m.release();
        }
    }

    private void data(ByteBuf m) {
        int seq = Envelope.seq(m);
        if (seq != expectedSeq) {
            ch.closed(new ConnectException("messages from " + carrier.remoteAddress() + " were lost on the way (got "
                    + seq + ", expected " + expectedSeq + ")"));
            return;
        }
        expectedSeq++;
        if (Envelope.ackRequested(m)) {
            // flushed when the burst is over
            carrier.send(Envelope.ack(ch.alloc(), seq));
        }
        ch.read(Envelope.bytes(m));
    }

    /**
     * The channel closes: once the window has let the last frames (a goodbye) out, or after
     * {@link #DRAIN_MILLIS} whatever the window, END follows them and then {@code then}.
     */
    @Override
    public void finish(Runnable then) {
        finishing = then;
        if (!carrierGone && !outbox.drained()) {
            ch.eventLoop().schedule(this::finishNow, DRAIN_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        finishNow();
    }

    @Override
    public void carrierGone() {
        carrierGone = true;
        finishIfDrained();
    }

    private void finishIfDrained() {
        if (finishing != null && (carrierGone || outbox.drained())) {
            finishNow();
        }
    }

    private void finishNow() {
        Runnable then = finishing;
        if (then == null) {
            return;
        }
        finishing = null;
        if (carrierGone) {
            outbox.discard();
        } else {
            outbox.end();
        }
        then.run();
    }

    @Override
    public void discard() {
        outbox.discard();
    }
}
