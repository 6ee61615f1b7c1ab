package jmpi.runtime.link.shm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import jmpi.runtime.wire.MalformedFrameException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shared-memory pipe: a byte stream that wraps, fills, rings both ways, and trusts no position it reads. */
class PipeTest {
    private final List<Pipe> made = new ArrayList<>();

    private Pipe writer() {
        Pipe p = Pipe.create();
        assertNotNull(p, "this machine has /dev/shm, so a pipe must be had");
        made.add(p);
        return p;
    }

    @AfterEach
    void remove() {
        made.forEach(Pipe::remove);
        for (Pipe p : made) {
            assertFalse(Files.exists(Path.of("/dev/shm", p.name())), "the pipe's file is gone");
        }
    }

    private static long write(Pipe p, byte[] bytes, int from, int len) {
        try {
            return p.write(new ByteBuffer[] {ByteBuffer.wrap(bytes, from, len)}, 0, 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void writesOfAnySizeArriveInOrderAcrossTheWrap() throws IOException {
        Pipe w = writer();
        Pipe r = Pipe.open(w.name());
        Random random = new Random(3);
        qt().withExamples(20).forAll(lists().of(integers().between(1, 100_000)).ofSizeBetween(1, 40)).checkAssert(sizes -> {
            for (int size : sizes) {
                byte[] sent = new byte[size];
                random.nextBytes(sent);
                byte[] got = new byte[size];
                ByteBuffer into = ByteBuffer.wrap(got);
                int written = 0;
                // the pipe holds less than some writes: write what fits, read it, go on
                while (written < size || into.hasRemaining()) {
                    written += (int) write(w, sent, written, size - written);
                    r.read(into);
                }
                assertArrayEquals(sent, got);
                assertFalse(r.readable(), "nothing is left over");
            }
        });
    }

    @Test
    void aFullPipeTakesNothingMoreAndAsksTheReaderToRing() throws IOException {
        Pipe w = writer();
        Pipe r = Pipe.open(w.name());
        byte[] big = new byte[Pipe.CAPACITY + 1000];
        assertEquals(Pipe.CAPACITY, write(w, big, 0, big.length), "the pipe takes its capacity");
        assertEquals(0, write(w, big, 0, 10), "and then nothing");
        assertTrue(w.awaitRoom(), "still full: the writer waits for a ring");
        ByteBuffer some = ByteBuffer.allocate(100);
        assertEquals(100, r.read(some));
        assertTrue(r.writerWaits(), "the reader made room for a writer that waits: it rings");
        assertFalse(r.writerWaits(), "once");
        assertEquals(50, write(w, big, 0, 50));
        assertFalse(w.awaitRoom(), "room is left: the writer writes instead of waiting");
        r.read(ByteBuffer.allocate(10));
        assertFalse(r.writerWaits(), "a writer that found room does not wait, and is not rung");
    }

    @Test
    void aSleepingReaderIsRungOnceByTheNextWrite() throws IOException {
        Pipe w = writer();
        Pipe r = Pipe.open(w.name());
        byte[] b = {1, 2, 3};
        write(w, b, 0, 3);
        assertTrue(w.mustRing(), "a new pipe's reader counts as asleep until it says otherwise");
        assertFalse(r.sleep(), "bytes wait: the reader reads instead of sleeping");
        r.read(ByteBuffer.allocate(3));
        r.awake();
        write(w, b, 0, 3);
        assertFalse(w.mustRing(), "an awake reader is not rung");
        r.read(ByteBuffer.allocate(3));
        assertTrue(r.sleep(), "nothing waits: the reader may sleep");
        write(w, b, 0, 3);
        assertTrue(w.mustRing(), "the writer rings a sleeping reader");
        write(w, b, 0, 3);
        assertFalse(w.mustRing(), "once");
    }

    @Test
    void theFileStaysForAReaderThatComesAfterTheWriterEnded() throws IOException {
        Pipe w = Pipe.create();
        assertNotNull(w);
        byte[] sent = "the last words".getBytes();
        write(w, sent, 0, sent.length);
        w.remove();
        assertTrue(Files.exists(Path.of("/dev/shm", w.name())), "left for the reader, which has not mapped it");
        Pipe r = Pipe.open(w.name());
        assertFalse(Files.exists(Path.of("/dev/shm", w.name())), "the reader removes it once mapped");
        ByteBuffer got = ByteBuffer.allocate(sent.length);
        r.read(got);
        assertArrayEquals(sent, got.array());
    }

    @Test
    void positionsThatMakeNoSenseFailTheRead() throws IOException {
        Pipe w = writer();
        // a writer that claims more than the pipe holds, written into the file as a hostile process could
        try (FileChannel f = FileChannel.open(Path.of("/dev/shm", w.name()), StandardOpenOption.WRITE)) {
            ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(0, Pipe.CAPACITY + 1L);
            f.write(head, Segment.HEADER + 64);
        }
        Pipe r = Pipe.open(w.name());
        MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> r.read(ByteBuffer.allocate(16)));
        assertTrue(e.getMessage().contains("broken"), e.getMessage());
    }

    @Test
    void aReaderPositionThatMakesNoSenseFailsTheWrite() throws IOException {
        Pipe w = writer();
        // a reader that claims to have read what was never written
        try (FileChannel f = FileChannel.open(Path.of("/dev/shm", w.name()), StandardOpenOption.WRITE)) {
            ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(0, 5L);
            f.write(tail, Segment.HEADER + 128);
        }
        Pipe.open(w.name()); // a reader came (and took the file away), though it never reads
        IOException e = assertThrows(IOException.class, () -> w.write(new ByteBuffer[] {ByteBuffer.allocate(8)}, 0, 1));
        assertTrue(e.getMessage().contains("broken"), e.getMessage());
        assertThrows(IOException.class, w::awaitRoom, "nor does it wait for a ring that a broken reader owes");
    }

    @Test
    void aFileThatIsNoPipeIsRefused() {
        Arena arena = Arena.create(1 << 20);
        try {
            assertThrows(IOException.class, () -> Pipe.open(arena.name()));
            assertThrows(IOException.class, () -> Pipe.open("jmpi-1-not-a-name"));
        } finally {
            arena.delete();
        }
    }
}
