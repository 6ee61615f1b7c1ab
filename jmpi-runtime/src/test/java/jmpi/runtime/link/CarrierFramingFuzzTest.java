package jmpi.runtime.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ReferenceCountUtil;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jmpi.Config;
import jmpi.runtime.fuzz.CountingAllocator;
import jmpi.runtime.fuzz.Mutations;
import jmpi.runtime.wire.Frame;
import jmpi.runtime.wire.FrameCodec;
import jmpi.runtime.wire.MalformedFrameException;
import jmpi.runtime.wire.PeerChunk;
import jmpi.runtime.wire.PeerQuery;
import jmpi.runtime.wire.Refused;
import jmpi.runtime.wire.SplitCall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The message carriers' framings under mutated input: a gRPC stream's one frame per message
 * ({@link MessagePerFrame}) and an MQTT topic's enveloped byte stream ({@link RelayedStream}: DATA, ACK,
 * END, numbered). Messages are flipped, cut short, given lying lengths or numbers, dropped or repeated:
 * the channel yields frames, or closes with its reason (the decoder's, or a gap in the numbers); nothing
 * else is thrown, nothing leaks, nothing larger than the input is allocated.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CarrierFramingFuzzTest {
    private static final EventLoopGroup GROUP = Netty.newGroup(1, "carrier-fuzz");
    private static final Config CONFIG = Config.builder().serialSize(1 << 20).serialQueue(1 << 20).build();

    @AfterAll
    static void stop() {
        GROUP.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Takes what the channel sends (ACKs, END) and drops it. */
    private record Sink(Delivery delivery) implements MessageCarrier {
        @Override
        public void send(ByteBuf message) {
            message.release();
        }

        @Override
        public void end(Runnable delivered) {
            delivered.run();
        }

        @Override
        public SocketAddress localAddress() {
            return new InetSocketAddress("127.0.0.1", 1);
        }

        @Override
        public SocketAddress remoteAddress() {
            return new InetSocketAddress("127.0.0.1", 2);
        }
    }

    private static List<byte[]> frames() {
        List<byte[]> out = new ArrayList<>();
        for (Frame f : List.of(new SplitCall(3, 0, 4L, 7, -1), new Refused("why"), new PeerQuery(5, 3),
                PeerChunk.of(3, jmpi.runtime.wire.Parts.wrap(new byte[300])))) {
            ByteBuf b = Unpooled.buffer();
            FrameCodec.encode(f, b);
            ReferenceCountUtil.release(f);
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            b.release();
            out.add(bytes);
        }
        return out;
    }

    @Test
    void messagePerFrame() {
        // one frame per message, without the length prefix the stream framing uses
        List<byte[]> messages = new ArrayList<>();
        for (byte[] f : frames()) {
            messages.add(java.util.Arrays.copyOfRange(f, 4, f.length));
        }
        AtomicInteger refused = new AtomicInteger();
        qt().withExamples(Mutations.tries(1500)).withShrinkCycles(0)
                .forAll(longs().all(), integers().between(0, Mutations.KINDS)).checkAssert((seed, kind) -> {
                    Random r = new Random(seed);
                    List<byte[]> in = new ArrayList<>(messages);
                    int i = r.nextInt(in.size());
                    if (kind < Mutations.KINDS) {
                        in.set(i, Mutations.input(in.get(i), kind, r));
                    }
                    if (run(MessageCarrier.Delivery.PACED, in)) {
                        refused.incrementAndGet();
                    }
                });
        assertTrue(refused.get() > 0, "no mutated message was ever refused: the property tested nothing");
    }

    @Test
    void relayedStream() {
        AtomicInteger refused = new AtomicInteger();
        qt().withExamples(Mutations.tries(1500)).withShrinkCycles(0)
                .forAll(longs().all(), integers().between(0, Mutations.KINDS + 2)).checkAssert((seed, kind) -> {
                    Random r = new Random(seed);
                    List<byte[]> in = envelopes(r);
                    int i = r.nextInt(in.size());
                    if (kind < Mutations.KINDS) {
                        in.set(i, Mutations.input(in.get(i), kind, r));
                    } else if (kind == Mutations.KINDS) {
                        in.remove(i);   // lost on the way
                    } else if (kind == Mutations.KINDS + 1) {
                        in.add(i, in.get(i).clone());  // delivered twice
                    } else {
                        in.add(i, new byte[] {Envelope.ACK, (byte) r.nextInt(), 0, 0, 1});
                    }
                    if (run(MessageCarrier.Delivery.RELAYED, in)) {
                        refused.incrementAndGet();
                    }
                });
        assertTrue(refused.get() > 0, "no mutated stream was ever refused: the property tested nothing");
    }

    /** The frames as one byte stream, cut into numbered DATA messages, some of them asking for an ACK. */
    private static List<byte[]> envelopes(Random r) {
        ByteBuf stream = Unpooled.buffer();
        for (byte[] f : frames()) {
            stream.writeBytes(f);
        }
        List<byte[]> out = new ArrayList<>();
        for (int seq = 0; stream.isReadable(); seq++) {
            int n = Math.min(stream.readableBytes(), 1 + r.nextInt(200));
            ByteBuf m = Unpooled.buffer().writeByte(Envelope.DATA).writeInt(seq)
                    .writeByte(r.nextBoolean() ? Envelope.FLAG_ACK_REQUESTED : 0).writeBytes(stream, n);
            byte[] b = new byte[m.readableBytes()];
            m.readBytes(b);
            m.release();
            out.add(b);
        }
        stream.release();
        return out;
    }

    /** Feeds the messages; checks the outcome; returns whether the channel refused them. */
    private static boolean run(MessageCarrier.Delivery delivery, List<byte[]> messages) {
        CountingAllocator alloc = new CountingAllocator();
        VirtualChannel ch = new VirtualChannel(null, new Sink(delivery), CONFIG);
        ch.config().setAllocator(alloc);
        ch.addFrameCodec();
        Outcome outcome = new Outcome();
        ch.pipeline().addLast(outcome);
        GROUP.next().register(ch).syncUninterruptibly();
        List<ByteBuf> sent = new ArrayList<>();
        long bytes = 0;
        for (byte[] m : messages) {
            // a real buffer even when empty: Unpooled's empty buffer is never released
            ByteBuf b = Unpooled.buffer(m.length).writeBytes(m);
            sent.add(b);
            bytes += m.length;
            ch.arrived(b);
        }
        // the loop runs tasks in order: once this one ran, every message has been taken, and the burst ended
        ch.eventLoop().submit(() -> { }).syncUninterruptibly();
        ch.eventLoop().submit(() -> { }).syncUninterruptibly();
        boolean closedByInput = !ch.isOpen();
        ch.close().syncUninterruptibly();
        // the close completes before the deregistration that removes the handlers (and frees what the
        // decoders hold): wait for that one
        try {
            assertTrue(outcome.unregistered.await(10, TimeUnit.SECONDS), "the channel was never deregistered");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        outcome.frames.forEach(ReferenceCountUtil::release);
        if (outcome.failure != null) {
            assertTrue(closedByInput, "the channel stays open after " + outcome.failure);
            Throwable why = outcome.failure instanceof DecoderException d && !(d instanceof TooLongFrameException)
                    && !(d instanceof CorruptedFrameException) ? d.getCause() : outcome.failure;
            assertTrue(why instanceof MalformedFrameException || why instanceof TooLongFrameException
                    || why instanceof CorruptedFrameException || why instanceof ConnectException,
                    () -> "not the framing's reason: " + outcome.failure);
        }
        for (ByteBuf b : sent) {
            assertEquals(0, b.refCnt(), "a message is still held after the channel closed");
        }
        assertEquals(0, alloc.unreleased(), () -> "the channel's buffers leaked: " + alloc.describeUnreleased()
                + " after " + messages.stream().map(m -> java.util.HexFormat.of().formatHex(m)).toList());
        assertTrue(alloc.largest() <= 2 * bytes + 4096, "allocated " + alloc.largest() + " for " + bytes + " bytes");
        for (Object f : outcome.frames) {
            assertInstanceOf(Frame.class, f);
        }
        assertFalse(ch.isOpen());
        return outcome.failure != null || closedByInput;
    }

    /** The business handler's stand-in: keeps frames, closes on the first failure, as the coordinator's does. */
    private static final class Outcome extends ChannelInboundHandlerAdapter {
        final List<Object> frames = new ArrayList<>();
        volatile Throwable failure;
        final java.util.concurrent.CountDownLatch unregistered = new java.util.concurrent.CountDownLatch(1);

        @Override
        public void channelUnregistered(ChannelHandlerContext ctx) {
            unregistered.countDown();
            ctx.fireChannelUnregistered();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            frames.add(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (failure == null) {
                failure = cause;
            }
            ctx.close();
        }
    }
}
