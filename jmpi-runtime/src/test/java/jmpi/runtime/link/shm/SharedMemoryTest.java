package jmpi.runtime.link.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import jmpi.runtime.link.Netty;
import jmpi.runtime.wire.Call;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.SharedParts;
import jmpi.runtime.wire.Frame;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.MalformedFrameException;
import jmpi.runtime.wire.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Arenas, segments and frames that name shared memory instead of carrying bytes. */
class SharedMemoryTest {
    private Arena arena;

    @BeforeEach
    void create() {
        arena = Arena.create(4 << 20);
        assertNotNull(arena, "this machine has /dev/shm, so an arena must be had");
    }

    @AfterEach
    void delete() {
        arena.delete();
        assertFalse(Files.exists(Path.of("/dev/shm", arena.name())), "the segment's file is removed");
    }

    private static EmbeddedChannel pipeline(ShmLink link) {
        EmbeddedChannel ch = new EmbeddedChannel();
        Netty.addCodec(ch.pipeline(), 64 << 20);
        if (link != null) {
            ch.attr(SharedParts.KEY).set(link);
        }
        return ch;
    }

    private static ByteBuf pattern(ByteBuf b, int len, int seed) {
        for (int i = 0; i < len; i++) {
            b.writeByte(i * 31 + seed);
        }
        return b;
    }

    /** Encodes f on a sending connection, then decodes what was written on a connection that may map segments. */
    private static Frame across(Frame f, ShmLink sender, List<Integer> written) {
        EmbeddedChannel out = pipeline(sender);
        out.writeOutbound(f);
        ByteBuf wire = Unpooled.buffer();
        for (ByteBuf b; (b = out.readOutbound()) != null; ) {
            wire.writeBytes(b);
            b.release();
        }
        written.add(wire.readableBytes());
        EmbeddedChannel in = pipeline(new ShmLink(null, false));
        in.writeInbound(wire);
        Frame back = in.readInbound();
        assertFalse(out.finishAndReleaseAll());
        assertFalse(in.finishAndReleaseAll());
        return back;
    }

    @Test
    void blocksAreReusedOnceEveryHolderLetGo() {
        ShmBuf a = arena.allocate(1 << 20);
        ShmBuf b = arena.allocate(1 << 20);
        assertNotNull(a);
        assertNotNull(b);
        assertEquals(0, a.readableBytes(), "a new block is empty, to be written");
        assertEquals(1 << 20, a.writableBytes());
        long held = arena.held();
        assertTrue(held >= 2 << 20);
        // a reader elsewhere takes its reference before the owner lets go
        a.segment().retain(a.block());
        a.release();
        assertEquals(held, arena.held(), "still held by the reader");
        a.segment().release(a.block());
        b.release();
        assertEquals(0, arena.held());
        ShmBuf c = arena.allocate(1 << 20);
        assertEquals(a.block(), c.block(), "with nothing held, allocation starts again at the front");
        c.release();
    }

    @Test
    void aFullArenaSaysSoAndRecoversWhenBlocksAreFreed() {
        Deque<ShmBuf> held = new ArrayDeque<>();
        for (ShmBuf b; (b = arena.allocate(300_000)) != null; ) {
            held.add(b);
        }
        assertTrue(held.size() >= 12, "4 MiB holds at least 12 blocks of 300 kB, got " + held.size());
        assertTrue(arena.fits(300_000), "it fits, just not now");
        assertFalse(arena.fits(4 << 20), "larger than the segment: never");
        assertNull(arena.allocate(4 << 20));
        held.removeFirst().release();
        ShmBuf again = arena.allocate(300_000);
        assertNotNull(again, "the freed block at the tail is reused, the ring wraps");
        again.release();
        held.forEach(ByteBuf::release);
        assertEquals(0, arena.held());
    }

    /** A block in use and the seed of the pattern written into it. */
    private record Live(ShmBuf buf, int seed) {
    }

    /** Any order of sizes and frees: blocks never overlap, and all is free at the end. */
    @Test
    void randomAllocationsNeverOverlap() {
        qt().withExamples(100).forAll(lists().of(integers().between(1, 300_000)).ofSizeBetween(1, 60))
                .checkAssert(sizes -> {
                    Deque<Live> live = new ArrayDeque<>();
                    int seed = 0;
                    for (int size : sizes) {
                        ShmBuf b = arena.allocate(size);
                        if (b == null) {
                            // free the oldest half, as receivers would, and go on
                            for (int k = live.size() / 2 + 1; k > 0 && !live.isEmpty(); k--) {
                                check(live.removeFirst());
                            }
                            b = arena.allocate(size);
                        }
                        if (b != null) {
                            // seeds stay below 256, so that no two live blocks hold the same pattern
                            pattern(b, size, seed);
                            live.add(new Live(b, seed));
                            seed = (seed + 1) % 256;
                        }
                    }
                    while (!live.isEmpty()) {
                        check(live.removeFirst());
                    }
                    assertEquals(0, arena.held());
                });
    }

    /** The block still holds the pattern written into it (no later block overwrote it), then is released. */
    private static void check(Live l) {
        int len = l.buf().readableBytes();
        ByteBuf expected = pattern(Unpooled.buffer(len), len, l.seed());
        assertEquals(expected, l.buf(), "block at " + l.buf().block() + " written with seed " + l.seed());
        expected.release();
        l.buf().release();
    }

    @Test
    void aPartInSharedMemoryCrossesAsItsName() {
        ShmBuf part = arena.allocate(1 << 20);
        pattern(part, 1 << 20, 7);
        List<Integer> written = new java.util.ArrayList<>();
        Reply back = (Reply) across(Reply.ok(1, part), new ShmLink(arena, true), written);
        assertTrue(written.get(0) < 200, "the bytes crossed the wire: " + written.get(0));
        ShmBuf got = assertInstanceOf(ShmBuf.class, back.parts()[0]);
        assertSame(part.segment(), got.segment(), "mapped once per process");
        assertEquals(part.at(), got.at(), "the same bytes, not a copy");
        assertEquals(pattern(Unpooled.buffer(), 1 << 20, 7), got);
        assertTrue(arena.held() > 0, "the reader holds the block");
        back.release();
        assertEquals(0, arena.held(), "every reference is given back");
    }

    @Test
    void aDuplicateIsNamedAsTheSameBytesAndASliceIsCopied() {
        ShmBuf part = arena.allocate(100_000);
        pattern(part, 100_000, 3);
        assertSame(part, ShmBuf.of(part.retainedDuplicate()));
        part.release();
        ByteBuf slice = part.retainedSlice(10, 50_000);
        assertNull(ShmBuf.of(slice), "a slice has its own indices");
        List<Integer> written = new java.util.ArrayList<>();
        Reply back = (Reply) across(Reply.ok(2, slice), new ShmLink(arena, true), written);
        ShmBuf got = assertInstanceOf(ShmBuf.class, back.parts()[0]);
        assertTrue(got.block() != part.block(), "copied into a block of its own");
        assertEquals(part.getByte(10), got.getByte(0));
        assertEquals(50_000, got.readableBytes());
        part.release();
        back.release();
        assertEquals(0, arena.held());
    }

    @Test
    void heapPartsAreCopiedInOnceAndSmallOnesStayOnTheWire() {
        ByteBuf big = pattern(Unpooled.buffer(), 200_000, 1);
        ByteBuf small = pattern(Unpooled.buffer(), 1000, 2);
        List<Integer> written = new java.util.ArrayList<>();
        Call c = new CollCall(1, Kind.ALLTOALL, 0, 0, 0, 0, 0, new ByteBuf[] {big, small});
        Call back = (Call) across(c, new ShmLink(arena, true), written);
        assertTrue(written.get(0) < 2000, "only the small part is on the wire: " + written.get(0));
        assertInstanceOf(ShmBuf.class, back.parts()[0]);
        assertFalse(back.parts()[1] instanceof ShmBuf);
        assertEquals(pattern(Unpooled.buffer(), 200_000, 1), back.parts()[0]);
        assertEquals(pattern(Unpooled.buffer(), 1000, 2), back.parts()[1]);
        back.release();
        assertEquals(0, arena.held());
    }

    @Test
    void untilTheCoordinatorAgreesBytesGoThroughTheSocket() {
        ByteBuf big = pattern(Unpooled.buffer(), 200_000, 1);
        List<Integer> written = new java.util.ArrayList<>();
        Reply back = (Reply) across(Reply.ok(1, big), new ShmLink(arena, false), written);
        assertTrue(written.get(0) > 200_000);
        assertFalse(back.parts()[0] instanceof ShmBuf);
        back.release();
        assertEquals(0, arena.held());
    }

    /** What a peer names is checked: no mapping without agreement, no foreign file, nothing outside a block. */
    @Test
    void descriptorsThatLieAreMalformed() {
        ShmBuf part = arena.allocate(100_000);
        pattern(part, 100_000, 5);
        EmbeddedChannel out = pipeline(new ShmLink(arena, true));
        out.writeOutbound(Reply.ok(1, part));
        ByteBuf wire = Unpooled.buffer();
        for (ByteBuf b; (b = out.readOutbound()) != null; ) {
            wire.writeBytes(b);
            b.release();
        }
        out.finishAndReleaseAll();
        // the frame is: length, type, reqId, status, source, tag, count, element type, comm, part count, then the part
        int partAt = 4 + 1 + 4 + 1 + 4 + 4 + 4 + 1 + 4 + 4;
        assertEquals(-2, wire.getInt(partAt));
        int nameLen = wire.getInt(partAt + 4);
        int blockAt = partAt + 8 + nameLen;

        EmbeddedChannel refusing = pipeline(null);
        DecoderException e = assertThrows(DecoderException.class, () -> refusing.writeInbound(wire.retainedDuplicate()));
        assertTrue(e.getCause().getMessage().contains("did not agree"), e.getCause().getMessage());
        refusing.finishAndReleaseAll();

        ByteBuf outside = wire.copy();
        outside.setInt(blockAt + 8, 1 << 30);
        ByteBuf misaligned = wire.copy();
        misaligned.setInt(blockAt, part.block() + 8);
        ByteBuf foreign = wire.copy();
        foreign.setByte(partAt + 8, 'x');
        for (ByteBuf bad : List.of(outside, misaligned, foreign)) {
            EmbeddedChannel in = pipeline(new ShmLink(null, false));
            DecoderException d = assertThrows(DecoderException.class, () -> in.writeInbound(bad));
            assertInstanceOf(MalformedFrameException.class, d.getCause());
            in.finishAndReleaseAll();
        }
        // a well-formed name of a segment that is not the job's: the coordinator refuses it
        EmbeddedChannel coordinator = pipeline(new ShmLink(null, true, name -> false));
        DecoderException notOurs = assertThrows(DecoderException.class, () -> coordinator.writeInbound(wire.retainedDuplicate()));
        assertTrue(notOurs.getCause().getMessage().contains("not this job's"), notOurs.getCause().getMessage());
        coordinator.finishAndReleaseAll();
        wire.release();
        // the writer took the reader's reference; no reader took it, as a lost connection would leave it
        part.segment().release(part.block());
        assertEquals(0, arena.held());
    }

    /** A failed rank's file may be gone before a reader maps it: what is forwarded from it goes as bytes. */
    @Test
    void partsOfAnOrphanedSegmentAreForwardedAsBytes() {
        ShmBuf part = arena.allocate(100_000);
        pattern(part, 100_000, 9);
        Segment.orphan(arena.name());
        List<Integer> written = new java.util.ArrayList<>();
        Reply back = (Reply) across(Reply.ok(1, part), new ShmLink(null, true), written);
        assertTrue(written.get(0) > 100_000, "named instead of sent: " + written.get(0));
        assertFalse(back.parts()[0] instanceof ShmBuf);
        assertEquals(pattern(Unpooled.buffer(), 100_000, 9), back.parts()[0]);
        back.release();
        assertEquals(0, arena.held());
    }

    @Test
    void aFileThatIsNotASegmentIsNotMapped() throws IOException {
        Path fake = Path.of("/dev/shm", "jmpi-1-00000000000000ab");
        Files.write(fake, new byte[8192]);
        try {
            IOException e = assertThrows(IOException.class, () -> Segment.open(fake.getFileName().toString()));
            assertTrue(e.getMessage().contains("header"), e.getMessage());
        } finally {
            Files.deleteIfExists(fake);
        }
        assertThrows(IOException.class, () -> Segment.open("../etc/passwd"));
        assertThrows(IOException.class, () -> Segment.open("jmpi-1-0000000000000000"));
    }
}
