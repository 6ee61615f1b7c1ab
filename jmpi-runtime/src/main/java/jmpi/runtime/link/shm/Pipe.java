package jmpi.runtime.link.shm;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import jmpi.runtime.wire.MalformedFrameException;

/**
 * A one-way byte stream between two processes of one host, in a shared-memory file: the stream of
 * frames a rank sends a peer on its host, so that a small message costs two copies instead of a
 * socket's system calls at each end. One writer and one reader, each a thread at a time; neither ever
 * waits here. Either end may ask to be told when the other moved (the reader that is about to sleep,
 * the writer that found the pipe full); who is told does so through the link's socket.
 *
 * <p>The reader trusts nothing the writer wrote: positions that make no sense fail the read.
 */
public final class Pipe {
    /** Bytes of the stream the pipe holds at once. */
    public static final int CAPACITY = 256 << 10;
    private static final long PIPE_MAGIC = 0x4a4d5049_50495045L;
    private static final int MAGIC_AT = 0;
    private static final int CAPACITY_AT = 8;
    // each position on a cache line of its own: the writer moves one, the reader the other
    private static final int HEAD_AT = 64;
    private static final int TAIL_AT = 128;
    private static final int READER_ASLEEP_AT = 192;
    private static final int WRITER_WAITS_AT = 256;
    /** Set by the reader once it has mapped the pipe: the file may go, the mapping stays. */
    private static final int OPENED_AT = 260;
    private static final int DATA_AT = 320;
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private final Segment segment;
    /** The pipe's part of the segment: control words, then the ring of bytes. */
    private final ByteBuffer map;
    private final int capacity;
    /** This end's copy of its own position (the head for the writer, the tail for the reader). */
    private long mine;

    private Pipe(Segment segment, int capacity) {
        this.segment = segment;
        this.map = segment.slice(Segment.HEADER, segment.size() - Segment.HEADER).order(ByteOrder.nativeOrder());
        this.capacity = capacity;
    }

    /** A new pipe, its writer's end; null where shared memory is not to be had. */
    public static Pipe create() {
        Path dir = Segment.dir();
        if (dir == null) {
            return null;
        }
        Segment s;
        try {
            s = Segment.create(dir, Segment.HEADER + DATA_AT + CAPACITY);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (!s.fill(s.size())) {
            Segment.remove(s.name());
            return null;
        }
        Pipe p = new Pipe(s, CAPACITY);
        p.map.putLong(CAPACITY_AT, CAPACITY);
        LONG.setVolatile(p.map, MAGIC_AT, PIPE_MAGIC);
        // asleep until it says otherwise: the first frame rings, whenever the reader comes
        INT.setVolatile(p.map, READER_ASLEEP_AT, 1);
        return p;
    }

    /**
     * The reader's end of the pipe of that name, which it removes from the file system: the writer may
     * have written all it had and ended its link by now, leaving the file for the reader.
     */
    public static Pipe open(String name) throws IOException {
        Segment s = Segment.open(name);
        ByteBuffer m = s.slice(Segment.HEADER, s.size() - Segment.HEADER).order(ByteOrder.nativeOrder());
        long capacity = m.getLong(CAPACITY_AT);
        if ((long) LONG.getVolatile(m, MAGIC_AT) != PIPE_MAGIC || capacity <= 0
                || capacity != s.size() - Segment.HEADER - DATA_AT) {
            throw new IOException("shared memory " + name + " is not a pipe");
        }
        // the reader's position starts at 0: only the reader moves it
        Pipe p = new Pipe(s, (int) capacity);
        INT.setVolatile(p.map, OPENED_AT, 1);
        Segment.remove(name);
        return p;
    }

    public String name() {
        return segment.name();
    }

    /**
     * Writer: copies what fits of srcs into the pipe, moving their positions; the bytes written. A
     * reader's position that makes no sense fails the write, as a socket that broke would.
     */
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long free = free();
        long written = 0;
        for (int i = offset; i < offset + length && written < free; i++) {
            ByteBuffer src = srcs[i];
            while (src.hasRemaining() && written < free) {
                long pos = mine + written;
                int n = run(pos, Math.min(src.remaining(), free - written));
                map.put(DATA_AT + offset(pos), src, src.position(), n);
                src.position(src.position() + n);
                written += n;
            }
        }
        if (written > 0) {
            mine += written;
            // volatile, not release: the look at the reader's sleep that follows must not pass it
            LONG.setVolatile(map, HEAD_AT, mine);
        }
        return written;
    }

    /**
     * Reader: copies what has arrived into dst, as far as it has room; the bytes read. A writer's
     * position that makes no sense is a malformed frame: the link goes, as it would for a bad length.
     */
    public int read(ByteBuffer dst) {
        long head = (long) LONG.getAcquire(map, HEAD_AT);
        long ready = head - mine;
        if (ready < 0 || ready > capacity) {
            throw new MalformedFrameException("pipe " + name() + " is broken: the writer is at " + head + ", the reader at " + mine);
        }
        int take = (int) Math.min(ready, dst.remaining());
        int done = 0;
        while (done < take) {
            long pos = mine + done;
            int n = run(pos, take - done);
            dst.put(dst.position(), map, DATA_AT + offset(pos), n);
            dst.position(dst.position() + n);
            done += n;
        }
        if (done > 0) {
            mine += done;
            LONG.setVolatile(map, TAIL_AT, mine);
        }
        return done;
    }

    /** Writer: the room left; the reader's word is not trusted, the writer would loop on a wrong one. */
    private long free() throws IOException {
        long tail = (long) LONG.getVolatile(map, TAIL_AT);
        long used = mine - tail;
        if (used < 0 || used > capacity) {
            throw new IOException("pipe " + name() + " is broken: the reader is at " + tail + ", the writer at " + mine);
        }
        return capacity - used;
    }

    /** Where a stream position lies in the ring. */
    private int offset(long pos) {
        return (int) (pos % capacity);
    }

    /** How many of left bytes from a stream position lie in one piece, before the ring wraps. */
    private int run(long pos, long left) {
        return (int) Math.min(left, capacity - offset(pos));
    }

    /** Reader: whether bytes wait to be read. */
    public boolean readable() {
        return (long) LONG.getAcquire(map, HEAD_AT) != mine;
    }

    /**
     * Reader, about to sleep until its socket says something: asks the writer to ring. False if bytes
     * came meanwhile (read them instead of sleeping).
     */
    public boolean sleep() {
        INT.setVolatile(map, READER_ASLEEP_AT, 1);
        return (long) LONG.getVolatile(map, HEAD_AT) == mine;
    }

    /** Reader: awake again; the writer need not ring. */
    public void awake() {
        INT.setOpaque(map, READER_ASLEEP_AT, 0);
    }

    /** Writer, after a write: whether the reader sleeps and must be rung (once, until it sleeps again). */
    public boolean mustRing() {
        return (int) INT.getVolatile(map, READER_ASLEEP_AT) == 1 && INT.compareAndSet(map, READER_ASLEEP_AT, 1, 0);
    }

    /**
     * Writer, finding the pipe full: asks the reader to ring once it has read. False if room came
     * meanwhile (write again instead of waiting).
     */
    public boolean awaitRoom() throws IOException {
        INT.setVolatile(map, WRITER_WAITS_AT, 1);
        if (free() == 0) {
            return true;
        }
        // not waiting after all: a ring now would find the writer gone, perhaps
        INT.compareAndSet(map, WRITER_WAITS_AT, 1, 0);
        return false;
    }

    /** Reader, after a read: whether the writer waits for room and must be rung. */
    public boolean writerWaits() {
        return (int) INT.getVolatile(map, WRITER_WAITS_AT) == 1 && INT.compareAndSet(map, WRITER_WAITS_AT, 1, 0);
    }

    /**
     * Writer, its link ended: removes the pipe's file if the reader has mapped it; else leaves it for the
     * reader to find what was written (removed once this process is gone, if the reader never comes).
     */
    public void remove() {
        if ((int) INT.getVolatile(map, OPENED_AT) == 1) {
            Segment.remove(name());
        } else {
            Segment.forget(name());
        }
    }
}
