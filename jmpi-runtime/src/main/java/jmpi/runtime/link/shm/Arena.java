package jmpi.runtime.link.shm;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A rank's own segment, handed out as a ring of blocks: new blocks at the head, reclaimed from the
 * tail once every holder let go. A block still held stops reclamation behind it; then allocation
 * fails and the caller sends bytes through the socket instead, so a slow receiver costs speed, never
 * correctness.
 */
public final class Arena {
    private static final System.Logger LOG = System.getLogger(Arena.class.getName());

    private final Segment segment;
    /** Bytes for blocks: the segment after its header. */
    private final long capacity;
    /** Positions in bytes since the start, never wrapping; a block's offset is HEADER + position % capacity. */
    private long head;
    private long tail;
    private boolean broken;

    private Arena(Segment segment) {
        this.segment = segment;
        this.capacity = segment.size() - Segment.HEADER;
    }

    /** A new arena of about size bytes, or null where shared memory is not to be had (said at debug level). */
    public static Arena create(long size) {
        Path dir = Segment.dir();
        long rounded = size / Segment.BLOCK_HEADER * Segment.BLOCK_HEADER;
        if (dir == null || rounded <= Segment.HEADER + Segment.BLOCK_HEADER) {
            return null;
        }
        try {
            return new Arena(Segment.create(dir, (int) Math.min(rounded, Integer.MAX_VALUE - 63)));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "no shared memory, payloads go through the socket: " + e);
            return null;
        }
    }

    public String name() {
        return segment.name();
    }

    /**
     * A buffer of len writable bytes in shared memory, holding the block's one reference, or null
     * when there is no room.
     */
    public synchronized ShmBuf allocate(int len) {
        long need = align((long) Segment.BLOCK_HEADER + len);
        if (broken || need > capacity) {
            return null;
        }
        reclaim();
        if (head == tail && head % capacity != 0) {
            // nothing is held: start again from the front, so a job that keeps little in flight reuses the same pages
            head = tail = (head / capacity + 1) * capacity;
        }
        long at = head % capacity;
        long pad = at + need > capacity ? capacity - at : 0;
        if (head + pad + need - tail > capacity) {
            return null;
        }
        if (pad > 0) {
            // the rest of the ring is too short: a free filler block, reclaimed as soon as it is reached
            if (!segment.fill(Segment.HEADER + at + Segment.BLOCK_HEADER)) {
                broken = true;
                return null;
            }
            segment.setBlock(Segment.HEADER + (int) at, 0, (int) pad);
            head += pad;
            at = 0;
        }
        int block = Segment.HEADER + (int) at;
        if (!segment.fill(block + need)) {
            // tmpfs is full: the socket carries the payloads from now on
            broken = true;
            return null;
        }
        segment.setBlock(block, 1, (int) need);
        head += need;
        ShmBuf b = segment.buffer(block, block + Segment.BLOCK_HEADER, len);
        b.clear();
        return b;
    }

    /** Whether a block for len bytes could ever be had: false if it is larger than the segment, or the segment is unusable. */
    public synchronized boolean fits(int len) {
        return !broken && align((long) Segment.BLOCK_HEADER + len) <= capacity;
    }

    /** Copies the readable bytes of src into a new block, or returns null when there is no room. */
    public ShmBuf copyOf(ByteBuf src) {
        ShmBuf b = allocate(src.readableBytes());
        if (b != null) {
            b.writeBytes(src, src.readerIndex(), src.readableBytes());
        }
        return b;
    }

    private void reclaim() {
        while (tail < head) {
            int block = Segment.HEADER + (int) (tail % capacity);
            if (segment.refs(block) != 0) {
                return;
            }
            int length = segment.blockLength(block);
            if (length <= 0 || length % Segment.BLOCK_HEADER != 0 || length > head - tail) {
                // only a peer writing where it must not gets here; stop sharing rather than trust the ring
                LOG.log(System.Logger.Level.WARNING, "shared-memory segment " + name()
                        + " is damaged; payloads go through the socket from now on");
                broken = true;
                return;
            }
            tail += length;
        }
    }

    /** Bytes in blocks that are still held by someone (after reclaiming what can be). */
    public synchronized long held() {
        reclaim();
        return head - tail;
    }

    /** Removes the file; the memory goes once every process has unmapped it. */
    public void delete() {
        Segment.remove(name());
    }

    /** Removes the file when this JVM exits (at once if it is exiting already). */
    public void deleteOnExit() {
        try {
            segment.path().toFile().deleteOnExit();
        } catch (IllegalStateException exiting) {
            delete();
        }
    }

    private static long align(long n) {
        return (n + Segment.BLOCK_HEADER - 1) / Segment.BLOCK_HEADER * Segment.BLOCK_HEADER;
    }
}
