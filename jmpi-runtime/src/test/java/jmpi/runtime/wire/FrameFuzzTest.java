package jmpi.runtime.wire;

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
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import jmpi.MPI;
import jmpi.runtime.elem.ElementType;
import jmpi.runtime.fuzz.CountingAllocator;
import jmpi.runtime.fuzz.Mutations;
import jmpi.runtime.link.Netty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every kind of frame, valid then mutated (bytes flipped, cut short, lengths that lie) or random, fed in
 * random pieces through the real length framing and frame decoder: frames come out, or the channel closes
 * with the decoder's reason (a MalformedFrameException, or the length framing's refusal of a length over
 * the limit or below zero); never another exception, never a leak, never a buffer larger than the input.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class FrameFuzzTest {
    private static final int SERIAL_SIZE = 1 << 20;

    /** One valid frame of each type, with parts where the type carries them. */
    static List<Frame> samples() {
        return List.of(new Hello(FrameCodec.VERSION, 2, 4, "token", "jmpi-1-00000000000000ff", "10.0.0.2:4000", "node-1"),
                new Welcome(2, Welcome.SHM), new Refused("why"), new Cancel(9), new Bye(),
                new CollCall(8, Kind.REDUCE, 2, 5L, 1, 2, ElementType.INT.code(),
                        new ByteBuf[] {Parts.wrap(new byte[] {4, 0, 0, 0}), null}),
                new SplitCall(3, 0, 4L, 7, -1),
                new CreateGroupCall(4, 2, 1L, 7, new int[] {2, 0}), new CommName(3, "halo"),
                new CustomCall(7, 3, 99L, new int[] {0, 1}, new int[] {2},
                        new ByteBuf[] {Parts.wrap(new byte[] {1, 2, 3}), null, Parts.wrap(new byte[0])}),
                SendCall.of(9, 1, 2, 42, true, ElementType.DOUBLE.code(), Parts.wrap(new byte[8])),
                new RecvCall(5, Kind.PROBE, 1, MPI.ANY_SOURCE, MPI.ANY_TAG),
                Reply.comm(6, new int[] {4, 1, 0, 2}),
                Reply.message(7, Reply.OK, 3, 11, 2, ElementType.INT.code(), Parts.NONE),
                Reply.error(4, ErrorInfo.failed(2, "rank 2 failed")),
                new PeerQuery(5, 3), new PeerAck(12), new RankFailed(2), new JobAborted(1, 7),
                PeerMessage.of(4, 1, 7, PeerMessage.SYNC, 9, ElementType.INT.code(), Parts.wrap(new byte[] {1, 2, 3, 4})),
                new PeerOffer(4, 1, 7, PeerMessage.SYNC, 3, ElementType.LONG.code(), 5L << 30),
                new PeerGo(3, true), PeerChunk.of(3, Parts.wrap(new byte[] {5, 6, 7})),
                new SurvivorCall(4, Kind.AGREE, 2, 3L, 0b101), new RevokeCall(5, 2), new CommRevoked(2, 1),
                new AckCall(6, 2, new int[] {1, 3}),

                new SharedCall(6, 0, SharedOp.MAP_PUT, "m", 1, 2,
                        new ByteBuf[] {Parts.wrap(new byte[] {1}), Parts.wrap(new byte[] {2, 3})}),
                new RankQuery(4, true), new RankReport(4, "\"main\" RUNNABLE", "recv(source 1, tag 2) on communicator 0"),
                new PeerWithdraw(5, PeerWithdraw.OFFER | PeerWithdraw.ANSWER | PeerWithdraw.TAKEN_BACK));
    }

    /** The samples' bytes on the wire, length prefix included. */
    static List<byte[]> encodedSamples() {
        List<byte[]> out = new ArrayList<>();
        for (Frame f : samples()) {
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
    void everyFrameTypeIsSampled() {
        assertEquals(FrameType.values().length, samples().stream().map(Frame::type).distinct().count());
    }

    @Test
    void mutatedFramesDecodeOrCloseTheChannelWithTheDecodersReason() {
        List<byte[]> valid = encodedSamples();
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        qt().withExamples(Mutations.tries(3000)).withShrinkCycles(0)
                .forAll(longs().all(), integers().between(0, valid.size() - 1), integers().between(0, Mutations.KINDS - 1))
                .checkAssert((seed, sample, kind) -> {
                    Random r = new Random(seed);
                    // a second frame after the first: what the decoder does with the rest of a stream
                    byte[] first = Mutations.input(valid.get(sample), kind, r);
                    byte[] second = valid.get(r.nextInt(valid.size()));
                    byte[] input = new byte[first.length + second.length];
                    System.arraycopy(first, 0, input, 0, first.length);
                    System.arraycopy(second, 0, input, first.length, second.length);
                    if (decodeInPieces(input, r)) {
                        refused.incrementAndGet();
                    }
                });
        assertTrue(refused.get() > 0, "no mutated frame was ever refused: the property tested nothing");
    }

    /** A length prefix of 2 GiB - 1 over a few bytes: refused for its length, and nothing near it allocated. */
    @Test
    void aClaimedTwoGibibyteFrameAllocatesNothingNearIt() {
        for (int lie : new int[] {Integer.MAX_VALUE, SERIAL_SIZE + (1 << 17), -1}) {
            byte[] input = io.netty.buffer.ByteBufUtil.getBytes(Unpooled.buffer().writeInt(lie)
                    .writeByte(FrameType.PEER_CHUNK.code()).writeInt(1).writeInt(1).writeInt(Integer.MAX_VALUE));
            assertTrue(decodeInPieces(input, new Random(lie)), "a frame of " + lie + " bytes was not refused");
        }
    }

    /** Feeds input in random pieces; checks what comes out, what the channel says, what it holds; true if refused. */
    static boolean decodeInPieces(byte[] input, Random r) {
        CountingAllocator alloc = new CountingAllocator();
        Outcome outcome = new Outcome();
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().setAllocator(alloc);
        Netty.addCodec(ch.pipeline(), SERIAL_SIZE);
        ch.pipeline().addLast(outcome);
        List<ByteBuf> pieces = new ArrayList<>();
        for (int at = 0; at < input.length; ) {
            int n = Math.min(input.length - at, 1 + r.nextInt(input.length));
            ByteBuf piece = Unpooled.wrappedBuffer(input, at, n);
            pieces.add(piece);
            at += n;
            if (ch.isOpen()) {
                ch.writeInbound(piece);
            } else {
                piece.release();
            }
        }
        ch.finishAndReleaseAll();
        for (Frame f : outcome.frames) {
            assertInstanceOf(Frame.class, f);
        }
        outcome.frames.forEach(ReferenceCountUtil::release);
        if (outcome.failure != null) {
            assertFalse(ch.isOpen(), "a channel whose decoder failed stays open");
            assertInstanceOf(DecoderException.class, outcome.failure);
            Throwable why = outcome.failure instanceof TooLongFrameException
                    || outcome.failure instanceof CorruptedFrameException ? outcome.failure : outcome.failure.getCause();
            assertTrue(why instanceof MalformedFrameException || why instanceof TooLongFrameException
                    || why instanceof CorruptedFrameException, () -> "not the decoder's reason: " + outcome.failure);
        }
        for (ByteBuf p : pieces) {
            assertEquals(0, p.refCnt(), "an input piece is still held");
        }
        assertEquals(0, alloc.unreleased(), "buffers of the decoder leaked");
        // what it allocates follows what arrived, never a length it was told
        assertTrue(alloc.largest() <= 2L * input.length + 4096, "allocated " + alloc.largest() + " for "
                + input.length + " bytes");
        return outcome.failure != null;
    }

    /** The business handler's stand-in: keeps frames, and closes the channel on the first failure, as it does. */
    static final class Outcome extends ChannelInboundHandlerAdapter {
        final List<Frame> frames = new ArrayList<>();
        Throwable failure;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            frames.add((Frame) msg);
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
