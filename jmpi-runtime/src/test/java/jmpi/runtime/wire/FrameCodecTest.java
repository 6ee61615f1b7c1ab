package jmpi.runtime.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.List;
import java.util.Random;
import jmpi.MPI;
import jmpi.runtime.elem.ElementType;
import jmpi.runtime.link.Netty;
import org.junit.jupiter.api.Test;

/** Frames through the real pipeline in an EmbeddedChannel: round trips, malformed input, no leaks. */
class FrameCodecTest {

    private static EmbeddedChannel pipeline(int serialSize) {
        EmbeddedChannel ch = new EmbeddedChannel();
        Netty.addCodec(ch.pipeline(), serialSize);
        return ch;
    }

    private static Frame roundTrip(Frame f) {
        EmbeddedChannel ch = pipeline(1 << 20);
        ch.writeOutbound(f);
        ByteBuf bytes = ch.readOutbound();
        ch.writeInbound(bytes);
        Frame back = ch.readInbound();
        assertFalse(ch.finishAndReleaseAll());
        return back;
    }

    @Test
    void everyFrameRoundTrips() {
        CustomCall c = new CustomCall(7, 3, 99L, new int[] {0, 1}, new int[] {2},
                new ByteBuf[] {Parts.wrap(new byte[] {1, 2, 3}), null, Parts.wrap(new byte[0])});
        CustomCall back = (CustomCall) roundTrip(c);
        assertEquals(c.reqId(), back.reqId());
        assertEquals(c.comm(), back.comm());
        assertEquals(c.seq(), back.seq());
        assertArrayEquals(c.src(), back.src());
        assertArrayEquals(c.dst(), back.dst());
        assertArrayEquals(new byte[] {1, 2, 3}, Parts.bytes(back.parts()[0]));
        assertNull(back.parts()[1]);
        assertEquals(0, back.parts()[2].readableBytes());
        back.release();
        assertEquals(0, c.refCnt(), "the encoder releases what it wrote");
        CollCall coll = (CollCall) roundTrip(new CollCall(8, Kind.REDUCE, 2, 5L, 1, 2, ElementType.INT.code(),
                new ByteBuf[] {Parts.wrap(new byte[] {4, 0, 0, 0})}));
        assertEquals(List.of(8, Kind.REDUCE, 2, 5L, 1, 2, ElementType.INT.code()), List.of(coll.reqId(), coll.kind(), coll.comm(),
                coll.seq(), coll.root(), coll.op(), coll.elemType()));
        assertArrayEquals(new byte[] {4, 0, 0, 0}, Parts.bytes(coll.parts()[0]));
        coll.release();
        SendCall send = (SendCall) roundTrip(SendCall.of(9, 1, 2, 42, true, ElementType.DOUBLE.code(), Parts.wrap(new byte[8])));
        assertEquals(List.of(9, 1, 2, 42, true, ElementType.DOUBLE.code()), List.of(send.reqId(), send.comm(), send.dest(),
                send.tag(), send.sync(), send.elemType()));
        assertEquals(8, send.payload().readableBytes());
        send.release();
        assertEquals(new SplitCall(3, 0, 4L, 7, -1), roundTrip(new SplitCall(3, 0, 4L, 7, -1)));
        assertEquals(new CommName(3, "halo ☂"), roundTrip(new CommName(3, "halo ☂")));
        CreateGroupCall g = (CreateGroupCall) roundTrip(new CreateGroupCall(5, 2, 9L, 7, new int[] {3, 0, 1}));
        assertEquals(List.of(5, 2, 9L, 7), List.of(g.reqId(), g.comm(), g.seq(), g.tag()));
        assertArrayEquals(new int[] {3, 0, 1}, g.ranks());
        SharedCall shared = (SharedCall) roundTrip(new SharedCall(6, 2, SharedOp.MAP_MERGE, "totals", -5L, 9L,
                new ByteBuf[] {Parts.wrap(new byte[] {1}), Parts.wrap(new byte[] {2, 3})}));
        assertEquals(List.of(6, 2, SharedOp.MAP_MERGE, "totals", -5L, 9L), List.of(shared.reqId(), shared.comm(),
                shared.op(), shared.name(), shared.a(), shared.b()));
        assertArrayEquals(new byte[] {2, 3}, Parts.bytes(shared.parts()[1]));
        assertEquals("map.merge(\"totals\")", shared.describe());
        shared.release();
        assertEquals(new RecvCall(5, Kind.PROBE, 1, MPI.ANY_SOURCE, MPI.ANY_TAG),
                roundTrip(new RecvCall(5, Kind.PROBE, 1, MPI.ANY_SOURCE, MPI.ANY_TAG)));
        Reply split = (Reply) roundTrip(Reply.comm(6, new int[] {4, 1, 0, 2}));
        assertArrayEquals(new int[] {4, 1, 0, 2}, split.comm());
        Reply msg = (Reply) roundTrip(Reply.message(7, Reply.OK, 3, 11, 2, ElementType.INT.code(), Parts.NONE));
        assertEquals(List.of(3, 11, 2L, ElementType.INT.code()), List.of(msg.source(), msg.tag(), msg.count(), msg.elemType()));
        Reply r = (Reply) roundTrip(Reply.error(4, ErrorInfo.failed(2, "rank 2 failed")));
        assertEquals(MPI.ERR_PROC_FAILED, r.error().errorClass());
        assertEquals(2, r.error().failedRank());
        assertEquals(new Hello(1, 2, 4, "tok"), roundTrip(new Hello(1, 2, 4, "tok")));
        assertEquals(new Hello(1, 0, 1, null), roundTrip(new Hello(1, 0, 1, null)));
        assertEquals(new Hello(2, 1, 3, "tok", "jmpi-1-00000000000000ff", null),
                roundTrip(new Hello(2, 1, 3, "tok", "jmpi-1-00000000000000ff", null)));
        assertEquals(new Hello(2, 1, 3, "tok", null, "10.0.0.2:4000"), roundTrip(new Hello(2, 1, 3, "tok", null, "10.0.0.2:4000")));
        assertEquals(new Hello(2, 1, 3, "tok", null, ":4000", "node-1"),
                roundTrip(new Hello(2, 1, 3, "tok", null, ":4000", "node-1")));
        Hello piped = new Hello(7, 1, 3, "tok", "jmpi-1-00000000000000ff", null, null, "jmpi-1-0000000000000100");
        assertEquals(piped, roundTrip(piped));
        assertEquals(new PeerQuery(5, 3), roundTrip(new PeerQuery(5, 3)));
        assertEquals(new PeerAck(12), roundTrip(new PeerAck(12)));
        assertEquals(new RankFailed(2), roundTrip(new RankFailed(2)));
        assertEquals(new JobAborted(1, 7), roundTrip(new JobAborted(1, 7)));
        PeerMessage pm = (PeerMessage) roundTrip(PeerMessage.of(4, 1, 7, PeerMessage.SYNC | PeerMessage.COLLECTIVE, 9,
                ElementType.INT.code(), Parts.wrap(new byte[] {1, 2, 3, 4})));
        assertEquals(List.of(4, 1, 7, 9, ElementType.INT.code(), 4), List.of(pm.comm(), pm.source(), pm.tag(), pm.syncId(),
                pm.elemType(), pm.payload().readableBytes()));
        assertTrue(pm.sync() && pm.collective());
        pm.release();
        assertEquals(new PeerOffer(4, 1, 7, PeerMessage.SYNC, 3, ElementType.LONG.code(), 5L << 30),
                roundTrip(new PeerOffer(4, 1, 7, PeerMessage.SYNC, 3, ElementType.LONG.code(), 5L << 30)));
        assertEquals(new PeerGo(3, true), roundTrip(new PeerGo(3, true)));
        assertEquals(new PeerGo(3, false), roundTrip(new PeerGo(3, false)));
        PeerWithdraw ask = new PeerWithdraw(3, PeerWithdraw.OFFER);
        assertEquals(ask, roundTrip(ask));
        PeerWithdraw answer = (PeerWithdraw) roundTrip(ask.answered(true));
        assertTrue(answer.offer() && answer.answer() && answer.takenBack());
        assertFalse(new PeerWithdraw(3, 0).answered(false).takenBack());
        PeerChunk chunk = (PeerChunk) roundTrip(PeerChunk.of(3, Parts.wrap(new byte[] {5, 6, 7})));
        assertEquals(3, chunk.offerId());
        assertArrayEquals(new byte[] {5, 6, 7}, Parts.bytes(chunk.bytes()));
        chunk.release();
        assertEquals(new Refused("why"), roundTrip(new Refused("why")));
        assertEquals(new Cancel(9), roundTrip(new Cancel(9)));
        assertEquals(new Bye(), roundTrip(new Bye()));
        assertEquals(new Welcome(1), roundTrip(new Welcome(1)));
        assertEquals(new Welcome(2, Welcome.SHM), roundTrip(new Welcome(2, Welcome.SHM)));
    }

    /** A large payload is written by reference next to a small header, and read back as a slice. */
    @Test
    void largePayloadsCrossTheCodecWithoutCopies() {
        ByteBuf payload = PooledByteBufAllocator.DEFAULT.directBuffer(1 << 20);
        for (int i = 0; i < (1 << 18); i++) {
            payload.writeIntLE(i);
        }
        EmbeddedChannel ch = pipeline(4 << 20);
        ch.writeOutbound(Reply.ok(3, payload));
        ByteBuf head = ch.readOutbound();
        ByteBuf body = ch.readOutbound();
        ByteBuf tail = ch.readOutbound();
        assertNull(ch.readOutbound());
        assertEquals(payload.memoryAddress() + payload.readerIndex(), body.memoryAddress() + body.readerIndex(),
                "the encoder copied the payload");
        assertEquals(1 << 20, body.readableBytes());
        // what arrives in one piece is sliced, not copied, into the frame's part
        ByteBuf wire = PooledByteBufAllocator.DEFAULT.directBuffer();
        wire.writeBytes(head).writeBytes(body).writeBytes(tail);
        head.release();
        body.release();
        tail.release();
        assertEquals(0, payload.refCnt());
        long wireAddress = wire.memoryAddress();
        ch.writeInbound(wire);
        Reply back = ch.readInbound();
        ByteBuf part = back.parts()[0];
        assertTrue(part.memoryAddress() + part.readerIndex() > wireAddress, "the decoder copied the payload");
        assertEquals(12345, part.getIntLE(part.readerIndex() + 4 * 12345));
        back.release();
        assertEquals(0, wire.refCnt());
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void malformedFramesAreRejectedWithoutLeaks() {
        for (byte[] junk : List.of(new byte[] {0, 0, 0, 1, 42}, new byte[] {0, 0, 0, 5, 1, 0, 0, 0, 1},
                new byte[] {0, 0, 0, 6, 6, 0, 0, 0, 1, 9})) {
            EmbeddedChannel ch = pipeline(1 << 20);
            DecoderException e = assertThrows(DecoderException.class,
                    () -> ch.writeInbound(Unpooled.wrappedBuffer(junk)));
            assertInstanceOf(MalformedFrameException.class, e.getCause());
            assertFalse(ch.finishAndReleaseAll());
        }
    }

    @Test
    void oversizeFrameIsRejected() {
        EmbeddedChannel ch = pipeline(1024);
        ByteBuf b = Unpooled.buffer().writeInt(10 << 20).writeByte(FrameType.COLL_CALL.code());
        assertThrows(Exception.class, () -> ch.writeInbound(b));
        ch.finishAndReleaseAll();
    }

    /** Random and mutated frames: the decoder yields frames or rejects them, never crashes or leaks. */
    @Test
    void fuzzedFramesNeverCrashTheDecoder() {
        EmbeddedChannel good = pipeline(1 << 20);
        good.writeOutbound(new CustomCall(1, 0, 5, new int[] {1, 2}, new int[] {3},
                new ByteBuf[] {Parts.wrap(new byte[] {9, 8, 7, 6})}));
        ByteBuf template = good.readOutbound();
        byte[] valid = new byte[template.readableBytes()];
        template.readBytes(valid);
        template.release();
        good.finishAndReleaseAll();
        qt().withExamples(2000).forAll(longs().all(), integers().between(0, 3)).checkAssert((seed, mode) -> {
            Random r = new Random(seed);
            byte[] input;
            if (mode == 0) {
                input = new byte[r.nextInt(64)];
                r.nextBytes(input);
            } else {
                input = valid.clone();
                int flips = 1 + r.nextInt(4);
                for (int i = 0; i < flips; i++) {
                    input[4 + r.nextInt(input.length - 4)] = (byte) r.nextInt();
                }
                if (mode == 2) {
                    input = java.util.Arrays.copyOf(input, r.nextInt(input.length));
                }
            }
            EmbeddedChannel ch = pipeline(1 << 20);
            try {
                ch.writeInbound(Unpooled.wrappedBuffer(input));
                Object f;
                while ((f = ch.readInbound()) != null) {
                    assertInstanceOf(Frame.class, f);
                    io.netty.util.ReferenceCountUtil.release(f);
                }
            } catch (DecoderException e) {
                // rejected: the coordinator closes such a connection
            } finally {
                ch.finishAndReleaseAll();
            }
        });
    }
}
