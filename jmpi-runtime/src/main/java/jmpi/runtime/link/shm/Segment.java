package jmpi.runtime.link.shm;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One rank's shared-memory file, mapped into this process. The file starts with a header (magic,
 * size, the random id its name also carries, so that a mapping proves it is the file its owner
 * meant), then blocks: a reference count, the block's length, and at {@link #BLOCK_HEADER} its bytes.
 * Every process that holds a block's bytes holds one reference; the owner reuses a block at zero.
 */
public final class Segment {
    static final long MAGIC = 0x4a4d5049_53484d31L;
    /** The file header; a page, so blocks are page-aligned from the start. */
    static final int HEADER = 4096;
    /** Block header; a cache line, so the bytes start aligned. */
    static final int BLOCK_HEADER = 64;
    private static final int FILL_STEP = 4 << 20;
    private static final System.Logger LOG = System.getLogger(Segment.class.getName());
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final Pattern NAME = Pattern.compile("jmpi-(\\d{1,10})-([0-9a-f]{16})");
    private static final Map<String, Segment> MAPPED = new ConcurrentHashMap<>();
    /**
     * A dead process's files are swept once this old: a pipe its owner wrote and left for a reader on
     * its way out must last until that reader has mapped it.
     */
    private static final long SWEEP_AFTER_MS = 60_000;

    private final String name;
    private final Path path;
    private final MappedByteBuffer map;
    private final int size;
    /** The owner's handle on the file, to allocate its pages as the ring first reaches them; null elsewhere. */
    private final FileChannel file;
    /** Bytes from the start whose pages are allocated (owner only). */
    private long filled;
    /** Its owner failed: readers that have not mapped it yet may find the file gone, so it is forwarded as bytes. */
    private volatile boolean orphaned;

    private Segment(String name, Path path, MappedByteBuffer map, int size, FileChannel file) {
        this.name = name;
        this.path = path;
        this.map = map;
        this.size = size;
        this.file = file;
    }

    /** Where segments live: tmpfs, so they are memory and never reach a disk; null where there is none. */
    static Path dir() {
        Path d = Path.of("/dev/shm");
        return Files.isDirectory(d) && Files.isWritable(d) ? d : null;
    }

    public String name() {
        return name;
    }

    public boolean orphaned() {
        return orphaned;
    }

    /** Marks the segment of a failed rank, mapped here, so that what is still forwarded from it goes as bytes. */
    public static void orphan(String name) {
        Segment s = MAPPED.get(name);
        if (s != null) {
            s.orphaned = true;
        }
    }

    int size() {
        return size;
    }

    Path path() {
        return path;
    }

    /**
     * Makes a new file of the given size, named by this process and a random number (unique, not
     * secret: the file is its owner's alone, and creation never follows a link planted in its way).
     * Only its header page is allocated now; {@link #fill} allocates the others as they are first
     * needed, with a write that fails cleanly when tmpfs is full (a store into an unallocated page
     * would fault instead).
     */
    static Segment create(Path dir, int size) throws IOException {
        sweep(dir);
        String name = "jmpi-" + ProcessHandle.current().pid() + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        Path path = dir.resolve(name);
        Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            header.putLong(MAGIC).putLong(size).putLong(Long.parseUnsignedLong(name.substring(name.lastIndexOf('-') + 1), 16));
            header.clear();
            while (header.hasRemaining()) {
                ch.write(header, header.position());
            }
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, 0, size);
            Segment s = new Segment(name, path, map, size, ch);
            s.filled = HEADER;
            MAPPED.put(name, s);
            return s;
        } catch (IOException | RuntimeException e) {
            ch.close();
            Files.deleteIfExists(path);
            throw e;
        }
    }

    /** Allocates the pages up to end (in steps, to write seldom); false when the file system is full. */
    boolean fill(long end) {
        if (end <= filled) {
            return true;
        }
        long to = Math.min(size, (end + FILL_STEP - 1) / FILL_STEP * FILL_STEP);
        try {
            ByteBuffer zeros = ByteBuffer.allocateDirect((int) Math.min(FILL_STEP, to - filled));
            while (filled < to) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), to - filled));
                filled += file.write(zeros, filled);
            }
            return true;
        } catch (IOException e) {
            // once: the arena stops using the segment after this
            LOG.log(System.Logger.Level.WARNING, "shared memory " + name + " cannot grow past " + filled
                    + " bytes (is /dev/shm full?); payloads go through the socket from now on", e);
            return false;
        }
    }

    /** The segment of that name, mapped once per process; fails unless it is a well-formed segment. */
    public static Segment open(String name) throws IOException {
        Segment s = MAPPED.get(name);
        if (s != null) {
            return s;
        }
        Matcher m = NAME.matcher(name);
        Path dir = dir();
        if (!m.matches() || dir == null) {
            throw new IOException("not a shared-memory segment name: " + name);
        }
        Path path = dir.resolve(name);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size <= HEADER || size > Integer.MAX_VALUE) {
                throw new IOException("shared-memory segment " + name + " has a size of " + size + " bytes");
            }
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, 0, size);
            if (map.getLong(0) != MAGIC || map.getLong(8) != size
                    || map.getLong(16) != Long.parseUnsignedLong(m.group(2), 16)) {
                throw new IOException("shared-memory segment " + name + " has a header that does not match its name");
            }
            Segment fresh = new Segment(name, path, map, (int) size, null);
            Segment had = MAPPED.putIfAbsent(name, fresh);
            return had != null ? had : fresh;
        }
    }

    /** Stops using the segment in this process and removes its file (its mappings stay valid until collected). */
    public static void remove(String name) {
        Segment s = MAPPED.remove(name);
        try {
            if (s != null && s.file != null) {
                s.file.close();
            }
            Path dir = dir();
            if (s != null) {
                Files.deleteIfExists(s.path);
            } else if (NAME.matcher(name).matches() && dir != null) {
                Files.deleteIfExists(dir.resolve(name));
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot remove " + name, e);
        }
    }

    private static boolean madeBefore(Path f, long millis) {
        try {
            return Files.getLastModifiedTime(f).toMillis() <= millis;
        } catch (IOException e) {
            return false; // gone already
        }
    }

    /**
     * Stops keeping the segment for later look-ups and, if this process made it, closes its file
     * without removing it: another process is still to map it. The holder's mapping stays valid.
     */
    public static void forget(String name) {
        Segment s = MAPPED.remove(name);
        if (s != null && s.file != null) {
            try {
                s.file.close();
            } catch (IOException e) {
                // the mapping does not need the file
            }
        }
    }

    /** Removes the segments that process made (once it has exited, as a launcher knows). */
    public static void removeOf(long pid) {
        Path dir = dir();
        if (dir != null) {
            removeWhere(dir, p -> p == pid);
        }
    }

    /** Removes the files of processes that died without cleaning up. */
    private static void sweep(Path dir) {
        removeWhere(dir, pid -> ProcessHandle.of(pid).isEmpty(), SWEEP_AFTER_MS);
    }

    private static void removeWhere(Path dir, java.util.function.LongPredicate owner) {
        removeWhere(dir, owner, 0);
    }

    /** Removes the files of the owners named, those at least olderThanMs old. */
    private static void removeWhere(Path dir, java.util.function.LongPredicate owner, long olderThanMs) {
        long before = System.currentTimeMillis() - olderThanMs;
        try (var files = Files.list(dir)) {
            files.forEach(f -> {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches() && owner.test(Long.parseLong(m.group(1))) && madeBefore(f, before)) {
                    try {
                        Files.deleteIfExists(f);
                    } catch (IOException e) {
                        // another user's file, or gone already
                    }
                }
            });
        } catch (IOException | RuntimeException e) {
            // nothing to sweep
        }
    }

    /** A view of bytes [at, at + len), shared with every process that maps this segment. */
    ByteBuffer slice(int at, int len) {
        return map.slice(at, len);
    }

    int blockLength(int block) {
        return (int) INT.getVolatile(map, block + 4);
    }

    void setBlock(int block, int refs, int length) {
        INT.setVolatile(map, block + 4, length);
        INT.setVolatile(map, block, refs);
    }

    int refs(int block) {
        return (int) INT.getVolatile(map, block);
    }

    /** One more holder of the block. */
    public void retain(int block) {
        INT.getAndAdd(map, block, 1);
    }

    /** One holder fewer. */
    void release(int block) {
        INT.getAndAdd(map, block, -1);
    }

    /**
     * Checks that a block and a range of its bytes, as a peer described them, lie inside this
     * segment; the peer's word is all there is, so nothing is trusted.
     */
    public String check(int block, int at, int len) {
        if (block < HEADER || block % BLOCK_HEADER != 0 || block > size - BLOCK_HEADER) {
            return "block " + block + " is not a block of " + name;
        }
        int length = blockLength(block);
        long end = (long) at + len;
        if (len < 0 || at < block + BLOCK_HEADER || length <= 0 || end > (long) block + length || end > size) {
            return "bytes [" + at + ", " + end + ") are not inside block " + block + " of " + name;
        }
        return null;
    }

    /** The bytes of a block, as a buffer that holds one reference (the caller's). */
    public ShmBuf buffer(int block, int at, int len) {
        return new ShmBuf(this, block, at, len);
    }
}
