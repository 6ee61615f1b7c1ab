package jmpi.runtime.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * The sending half of a relayed stream: encoded frames queue here and leave as DATA messages of at most
 * {@link #CHUNK} bytes (a large frame is split, small ones share a message). A relay such as an MQTT
 * broker forwards without back-pressure and drops what overflows its queues, so at most {@link #WINDOW} messages
 * and {@code window} bytes may be on their way before the receiver says it has taken them in (ACK); the
 * sender asks for that ACK when half the window is used. Runs on its channel's event loop.
 */
final class Outbox {
    /** The largest message payload sent; well below any MQTT broker's packet limit (Mosquitto's default is 256 MiB). */
    static final int CHUNK = 256 * 1024;
    /** DATA messages on their way at once: bounds what the relay queues for a receiver. */
    static final int WINDOW = 32;

    /** Where DATA goes: the carrier towards the peer. */
    interface Sink {
        ByteBufAllocator alloc();

        /** Writes one message to the peer's topic; {@link #flush()} sends it. */
        ChannelFuture publish(ByteBuf payload);

        void flush();

        /** Turns the channel's writability on or off (back-pressure for the program's threads). */
        void writable(boolean writable);
    }

    private record Write(long end, ChannelPromise promise) {
    }

    private record Sent(int seq, int bytes) {
    }

    private final Sink sink;
    private final long windowBytes;
    private final long high;
    private final long low;
    // the queued buffers themselves: a slice of one stays valid while the queue moves on
    private final ArrayDeque<ByteBuf> pending = new ArrayDeque<>();
    private final ArrayDeque<Write> writes = new ArrayDeque<>();
    private final ArrayDeque<Sent> unacked = new ArrayDeque<>();
    private long added;
    private long taken;
    private long unackedBytes;
    private int nextSeq;
    private int ackRequestedAt = -1;
    private boolean writable = true;
    private boolean ended;

    /** queue: JMPI_SERIAL_QUEUE, both the window in bytes and the point where the channel turns unwritable. */
    Outbox(Sink sink, int queue) {
        this.sink = sink;
        this.windowBytes = Math.max(1, queue);
        this.high = Math.max(1, queue);
        this.low = Math.min(high / 2, 1 << 20);
    }

    /** Queues encoded frame bytes; promise (may be null) completes once the carrier has written them. */
    void add(ByteBuf bytes, ChannelPromise promise) {
        if (ended) {
            bytes.release();
            if (promise != null) {
                promise.tryFailure(new java.nio.channels.ClosedChannelException());
            }
            return;
        }
        if (!bytes.isReadable()) {
            bytes.release();
            if (promise != null) {
                promise.trySuccess();
            }
            return;
        }
        added += bytes.readableBytes();
        pending.add(bytes);
        if (promise != null) {
            writes.add(new Write(added, promise));
        }
        updateWritability();
    }

    /** Publishes what the window lets through and flushes. */
    void send() {
        boolean any = publish(false);
        any |= askIfStuck();
        if (any) {
            sink.flush();
        }
    }

    /**
     * A writer that waits for the channel to turn writable again needs the receiver to acknowledge what
     * is on its way; when nothing is left to publish, no message would carry that request, so an empty
     * one does. Without it the last messages of a burst are never acknowledged and the writer waits forever.
     */
    private boolean askIfStuck() {
        if (writable || ended || !pending.isEmpty() || ackRequestedAt >= 0 || unacked.isEmpty()) {
            return false;
        }
        int seq = nextSeq++;
        unacked.add(new Sent(seq, 0));
        ackRequestedAt = seq;
        sink.publish(Envelope.data(sink.alloc(), seq, true, sink.alloc().buffer(0)));
        return true;
    }

    /** The receiver has taken in every DATA message up to seq. */
    void acked(int seq) {
        while (!unacked.isEmpty() && unacked.peek().seq() - seq <= 0) {
            unackedBytes -= unacked.poll().bytes();
        }
        if (ackRequestedAt >= 0 && ackRequestedAt - seq <= 0) {
            ackRequestedAt = -1;
        }
        updateWritability();
        send();
    }

    /** Whether nothing waits to be published. */
    boolean drained() {
        return pending.isEmpty();
    }

    /** Publishes everything left whatever the window (the connection is ending), then END. */
    void end() {
        if (ended) {
            return;
        }
        publish(true);
        ended = true;
        sink.publish(Envelope.end());
        sink.flush();
    }

    /** Drops what was never sent; their writers learn that the connection closed. */
    void discard() {
        ended = true;
        for (ByteBuf b : pending) {
            ReferenceCountUtil.release(b);
        }
        pending.clear();
        Throwable closed = new java.nio.channels.ClosedChannelException();
        for (Write w : writes) {
            w.promise().tryFailure(closed);
        }
        writes.clear();
    }

    private boolean publish(boolean ignoreWindow) {
        boolean any = false;
        while (!pending.isEmpty()) {
            long room = windowBytes - unackedBytes;
            if (!ignoreWindow && (unacked.size() >= WINDOW || (room <= 0 && !unacked.isEmpty()))) {
                break;
            }
            int n = (int) Math.min(Math.min(CHUNK, added - taken), unacked.isEmpty() || ignoreWindow ? CHUNK : room);
            int seq = nextSeq++;
            unacked.add(new Sent(seq, n));
            unackedBytes += n;
            // ask early, so that the ACK is back before the window is full
            boolean ask = ackRequestedAt < 0 && (unacked.size() >= WINDOW / 2 || unackedBytes >= windowBytes / 2);
            if (ask) {
                ackRequestedAt = seq;
            }
            ByteBuf payload = Envelope.data(sink.alloc(), seq, ask, take(n));
            taken += n;
            long end = taken;
            ChannelFuture f = sink.publish(payload);
            f.addListener(x -> complete(end, x.cause()));
            any = true;
        }
        return any;
    }

    /** The next n queued bytes, as one buffer made of the queued ones (no copy). */
    private ByteBuf take(int n) {
        ByteBuf first = pending.peek();
        if (first.readableBytes() == n) {
            return pending.poll();
        } else if (first.readableBytes() > n) {
            return first.readRetainedSlice(n);
        }
        CompositeByteBuf out = sink.alloc().compositeBuffer(Integer.MAX_VALUE);
        int left = n;
        while (left > 0) {
            ByteBuf b = pending.peek();
            if (b.readableBytes() <= left) {
                left -= b.readableBytes();
                out.addComponent(true, pending.poll());
            } else {
                out.addComponent(true, b.readRetainedSlice(left));
                left = 0;
            }
        }
        return out;
    }

    /** Completes the writes whose bytes have all gone out (or failed to). */
    private void complete(long upTo, Throwable cause) {
        while (!writes.isEmpty() && writes.peek().end() <= upTo) {
            ChannelPromise p = writes.poll().promise();
            if (cause == null) {
                p.trySuccess();
            } else {
                p.tryFailure(cause);
            }
        }
    }

    private void updateWritability() {
        long backlog = (added - taken) + unackedBytes;
        if (writable && backlog > high) {
            writable = false;
            sink.writable(false);
        } else if (!writable && backlog < low) {
            writable = true;
            sink.writable(true);
        }
    }
}
