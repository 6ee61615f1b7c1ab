package jmpi.runtime.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sending half over a broker: chunks, numbers, the window, ACK requests, writability, END. */
class OutboxTest {
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final List<ByteBuf> published = new ArrayList<>();
    private final List<Boolean> writability = new ArrayList<>();

    private Outbox outbox(int queue) {
        return new Outbox(new Outbox.Sink() {
            @Override
            public ByteBufAllocator alloc() {
                return channel.alloc();
            }

            @Override
            public ChannelFuture publish(ByteBuf payload) {
                published.add(payload);
                return channel.newSucceededFuture();
            }

            @Override
            public void flush() {
            }

            @Override
            public void writable(boolean writable) {
                writability.add(writable);
            }
        }, queue);
    }

    @AfterEach
    void release() {
        published.forEach(ByteBuf::release);
        assertFalse(channel.finishAndReleaseAll());
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    /** The stream bytes of the DATA messages published so far, in order, checking their numbers. */
    private byte[] stream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int seq = 0;
        for (ByteBuf m : published) {
            if (Envelope.kind(m) != Envelope.DATA) {
                continue;
            }
            assertEquals(seq++, Envelope.seq(m));
            ByteBuf bytes = Envelope.bytes(m);
            out.writeBytes(ByteBufUtil.getBytes(bytes));
            bytes.release();
        }
        return out.toByteArray();
    }

    @Test
    void aLargeFrameIsSplitIntoChunksAndSmallOnesShareAMessage() {
        Outbox o = outbox(64 << 20);
        byte[] large = random(2 * Outbox.CHUNK + 1000);
        byte[] small = random(10);
        ChannelPromise p1 = channel.newPromise();
        ChannelPromise p2 = channel.newPromise();
        o.add(Unpooled.wrappedBuffer(small), p1);
        o.add(Unpooled.wrappedBuffer(large), p2);
        o.send();
        assertEquals(3, published.size());
        assertEquals(Envelope.DATA_HEADER + Outbox.CHUNK, published.get(0).readableBytes());
        assertEquals(Envelope.DATA_HEADER + 1010, published.get(2).readableBytes());
        assertTrue(p1.isSuccess() && p2.isSuccess());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(small);
        all.writeBytes(large);
        assertArrayEquals(all.toByteArray(), stream());
        assertTrue(o.drained());
    }

    @Test
    void theWindowHoldsMessagesUntilTheReceiverAcknowledges() {
        Outbox o = outbox(64 << 20);
        byte[] data = random((Outbox.WINDOW + 8) * Outbox.CHUNK);
        ChannelPromise p = channel.newPromise();
        o.add(Unpooled.wrappedBuffer(data), p);
        o.send();
        assertEquals(Outbox.WINDOW, published.size());
        assertFalse(p.isDone(), "its last bytes wait");
        // one ACK request, half way
        int asked = -1;
        for (ByteBuf m : published) {
            if (Envelope.ackRequested(m)) {
                assertEquals(-1, asked);
                asked = Envelope.seq(m);
            }
        }
        assertEquals(Outbox.WINDOW / 2 - 1, asked);
        o.acked(asked);
        assertEquals(Outbox.WINDOW + 8, published.size());
        assertTrue(p.isSuccess());
        assertArrayEquals(data, stream());
    }

    @Test
    void aSmallQueueShrinksChunksAndTurnsTheChannelUnwritable() {
        int queue = 100 << 10;
        Outbox o = outbox(queue);
        byte[] data = random(300 << 10);
        o.add(Unpooled.wrappedBuffer(data), null);
        assertEquals(List.of(false), writability);
        o.send();
        // the first message may be a whole chunk; nothing more goes until an ACK comes
        assertEquals(1, published.size());
        assertTrue(Envelope.ackRequested(published.get(0)));
        for (int i = 0; i < 100 && !o.drained(); i++) {
            o.acked(Envelope.seq(published.get(published.size() - 1)));
        }
        assertTrue(o.drained());
        o.acked(Envelope.seq(published.get(published.size() - 1)));
        assertEquals(List.of(false, true), writability);
        assertArrayEquals(data, stream());
    }

    @Test
    void endSendsWhatIsLeftWhateverTheWindowThenEnd() {
        Outbox o = outbox(1);
        byte[] data = random(3 * Outbox.CHUNK);
        o.add(Unpooled.wrappedBuffer(data), null);
        o.send();
        assertEquals(1, published.size());
        o.end();
        assertEquals(Envelope.END, Envelope.kind(published.get(published.size() - 1)));
        assertArrayEquals(data, stream());
        ChannelPromise late = channel.newPromise();
        o.add(Unpooled.wrappedBuffer(new byte[1]), late);
        assertFalse(late.isSuccess());
    }

    /**
     * A writer held back by a full queue needs every message acknowledged, also the last ones of a
     * burst that asked for nothing: the outbox asks with an empty message, and writability returns.
     */
    @Test
    void aWriterHeldBackGetsTheLastMessagesAcknowledged() {
        // writability returns below 1 MiB, while requests go out every half window (16 messages)
        Outbox o = outbox(Outbox.CHUNK * 64);
        o.add(Unpooled.wrappedBuffer(random(Outbox.CHUNK * 70)), null);
        o.send();
        assertEquals(List.of(false), writability);
        // the receiver answers every request it sees, as it does on the broker
        for (int round = 0; round < 20 && writability.size() < 2; round++) {
            int asked = -1;
            for (ByteBuf m : published) {
                if (Envelope.kind(m) == Envelope.DATA && Envelope.ackRequested(m)) {
                    asked = Math.max(asked, Envelope.seq(m));
                }
            }
            assertTrue(asked >= 0, "no message asks for an acknowledgement, so the writer would wait forever");
            o.acked(asked);
        }
        assertEquals(List.of(false, true), writability);
        assertArrayEquals(random(Outbox.CHUNK * 70), stream());
    }
}
