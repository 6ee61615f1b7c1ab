package jmpi.runtime.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jmpi.runtime.shm.Arena;
import jmpi.runtime.shm.Segment;
import jmpi.runtime.shm.ShmBuf;
import jmpi.runtime.shm.ShmLink;

/**
 * The byte layout of every frame (see docs/protocol.md): a 4-byte length, a type byte, then the
 * body. Integers are big-endian; strings and byte arrays are length-prefixed (-1 for null).
 *
 * <p>Payload parts are never copied on the way through: {@link #decode} returns frames whose parts
 * are slices of the bytes read, and {@link #encode(Frame, ByteBufAllocator, List)} writes large
 * parts by reference next to a small header.
 */
public final class FrameCodec {
    /** The protocol version a {@link Hello} carries. */
    public static final int VERSION = 2;
    /** Parts smaller than this are copied next to the header: cheaper than one more buffer to write. */
    static final int INLINE_LIMIT = 2048;
    /** A part's length field: no part. */
    private static final int ABSENT = -1;
    /** A part's length field: the part lies in shared memory, named by segment, block, offset and length. */
    private static final int SHARED = -2;

    private FrameCodec() {
    }

    /** An upper bound of the encoded size, so the encoder allocates once. */
    public static int sizeHint(Frame f) {
        int n = 64;
        if (f instanceof Call c) {
            n += 4 * (c.src().length + c.dst().length) + partsSize(c.parts());
        } else if (f instanceof Reply r) {
            n += 4 * r.ints().length + partsSize(r.parts());
            if (r.error() != null) {
                n += 3 * (r.error().message().length() + r.error().stack().length() + r.error().type().length());
            }
        } else if (f instanceof Hello h) {
            n += (h.token() == null ? 0 : 3 * h.token().length()) + (h.shm() == null ? 0 : 3 * h.shm().length());
        } else if (f instanceof Refused r) {
            n += 3 * r.reason().length();
        }
        return n;
    }

    private static int partsSize(ByteBuf[] parts) {
        int n = 4;
        for (ByteBuf p : parts) {
            n += 4 + (p == null ? 0 : p.readableBytes());
        }
        return n;
    }

    /**
     * Writes the frame, length prefix included, copying its parts into out. The frame keeps its
     * references: the caller still releases it.
     */
    public static void encode(Frame f, ByteBuf out) {
        int start = out.writerIndex();
        writeHead(f, out);
        if (f instanceof Carrier c) {
            ByteBuf[] parts = c.parts();
            out.writeInt(parts.length);
            for (ByteBuf p : parts) {
                if (p == null) {
                    out.writeInt(-1);
                } else {
                    out.writeInt(p.readableBytes());
                    out.writeBytes(p, p.readerIndex(), p.readableBytes());
                }
            }
        }
        writeTail(f, out);
        out.setInt(start, out.writerIndex() - start - 4);
    }

    /**
     * Writes the frame as buffers added to out: small pieces are copied into header buffers, large
     * parts are added as new references to the same memory (no copy). The frame keeps its own
     * references: the caller still releases it.
     */
    public static void encode(Frame f, ByteBufAllocator alloc, List<Object> out) {
        encode(f, alloc, out, null);
    }

    /**
     * As above; where shm allows it, large parts are named by their place in shared memory instead
     * (copied there first when they are not there yet), so their bytes never cross the socket.
     */
    public static void encode(Frame f, ByteBufAllocator alloc, List<Object> out, ShmLink shm) {
        if (!(f instanceof Carrier c) || c.payloadBytes() < INLINE_LIMIT) {
            ByteBuf b = alloc.ioBuffer(sizeHint(f));
            encode(f, b);
            out.add(b);
            return;
        }
        int first = out.size();
        ByteBuf cur = alloc.ioBuffer(256);
        writeHead(f, cur);
        ByteBuf[] parts = c.parts();
        cur.writeInt(parts.length);
        long total = 0;
        for (ByteBuf p : parts) {
            if (p == null) {
                cur.writeInt(-1);
                continue;
            }
            int len = p.readableBytes();
            if (len >= ShmLink.MIN_PART && shm != null && shm.sending() && writeShared(p, shm.own(), cur)) {
                continue;
            }
            cur.writeInt(len);
            if (len < INLINE_LIMIT) {
                cur.writeBytes(p, p.readerIndex(), len);
            } else {
                total += cur.readableBytes();
                out.add(cur);
                out.add(p.retainedDuplicate());
                total += len;
                cur = alloc.ioBuffer(64);
            }
        }
        writeTail(f, cur);
        total += cur.readableBytes();
        out.add(cur);
        ByteBuf head = (ByteBuf) out.get(first);
        head.setInt(head.readerIndex(), (int) (total - 4));
    }

    /** Names p's bytes in shared memory, moving them there if need be; false if there is no room. */
    private static boolean writeShared(ByteBuf p, Arena own, ByteBuf out) {
        ShmBuf s = ShmBuf.of(p);
        if (s != null && s.segment().orphaned()) {
            return false;
        }
        boolean copied = false;
        if (s == null) {
            s = own == null ? null : own.copyOf(p);
            if (s == null) {
                return false;
            }
            copied = true;
        }
        // the reader's reference, taken before the bytes can be read
        s.segment().retain(s.block());
        out.writeInt(SHARED);
        writeString(out, s.segment().name());
        out.writeInt(s.block());
        out.writeInt(copied ? s.at() : s.at() + p.readerIndex());
        out.writeInt(p.readableBytes());
        if (copied) {
            s.release();
        }
        return true;
    }

    /** The length placeholder, the type and the fields before the parts. */
    private static void writeHead(Frame f, ByteBuf out) {
        out.writeInt(0);
        out.writeByte(f.type());
        if (f instanceof Call c) {
            out.writeInt(c.reqId());
            out.writeByte(c.kind());
            out.writeInt(c.comm());
            out.writeLong(c.seq());
            out.writeInt(c.root());
            out.writeInt(c.op());
            out.writeInt(c.tag());
            out.writeInt(c.peer());
            out.writeInt(c.flags());
            writeInts(out, c.src());
            writeInts(out, c.dst());
        } else if (f instanceof Reply r) {
            out.writeInt(r.reqId());
            out.writeByte(r.status());
            out.writeInt(r.source());
            out.writeInt(r.tag());
            out.writeInt(r.count());
            writeInts(out, r.ints());
        } else if (f instanceof Hello h) {
            out.writeInt(h.version());
            out.writeInt(h.rank());
            out.writeInt(h.size());
            writeString(out, h.token());
            writeString(out, h.shm());
        } else if (f instanceof Welcome w) {
            out.writeInt(w.version());
            out.writeInt(w.flags());
        } else if (f instanceof Refused r) {
            writeString(out, r.reason());
        } else if (f instanceof Cancel c) {
            out.writeInt(c.reqId());
        }
    }

    /** What follows the parts: a failed reply's error. */
    private static void writeTail(Frame f, ByteBuf out) {
        if (f instanceof Reply r) {
            if (r.status() == Reply.ERROR) {
                ErrorInfo e = r.error();
                out.writeByte(e.kind());
                out.writeInt(e.errorClass());
                writeString(out, e.type());
                writeString(out, e.message());
                writeString(out, e.stack());
                out.writeInt(e.failedRank());
            }
        }
    }

    /**
     * Reads one frame body (the length prefix already removed); throws {@link MalformedFrameException}.
     * The frame's parts are new references to slices of in, which the caller may release.
     */
    public static Frame decode(ByteBuf in) {
        return decode(in, null);
    }

    /** As above; shared says which shared memory parts may name (null: none, such a part is malformed). */
    public static Frame decode(ByteBuf in, ShmLink shared) {
        ByteBuf[][] held = new ByteBuf[1][];
        try {
            return decode(in, held, shared);
        } catch (RuntimeException e) {
            if (held[0] != null) {
                Parts.release(held[0]);
            }
            throw e;
        }
    }

    private static Frame decode(ByteBuf in, ByteBuf[][] held, ShmLink shared) {
        try {
            byte type = in.readByte();
            Frame f;
            switch (type) {
                case Call.TYPE:
                    f = new Call(in.readInt(), in.readByte(), in.readInt(), in.readLong(), in.readInt(), in.readInt(),
                            in.readInt(), in.readInt(), in.readInt(), readInts(in), readInts(in), readParts(in, held, shared));
                    break;
                case Reply.TYPE: {
                    int reqId = in.readInt();
                    byte status = in.readByte();
                    int source = in.readInt();
                    int tag = in.readInt();
                    int count = in.readInt();
                    int[] ints = readInts(in);
                    ByteBuf[] parts = readParts(in, held, shared);
                    ErrorInfo e = null;
                    if (status == Reply.ERROR) {
                        e = new ErrorInfo(in.readByte(), in.readInt(), readString(in), readString(in), readString(in),
                                in.readInt());
                    }
                    f = new Reply(reqId, status, source, tag, count, ints, parts, e);
                    break;
                }
                case Hello.TYPE:
                    f = new Hello(in.readInt(), in.readInt(), in.readInt(), readString(in), readString(in));
                    break;
                case Welcome.TYPE:
                    f = new Welcome(in.readInt(), in.readInt());
                    break;
                case Refused.TYPE:
                    f = new Refused(readString(in));
                    break;
                case Cancel.TYPE:
                    f = new Cancel(in.readInt());
                    break;
                case Bye.TYPE:
                    f = new Bye();
                    break;
                default:
                    throw new MalformedFrameException("unknown frame type " + type);
            }
            if (in.isReadable()) {
                throw new MalformedFrameException(in.readableBytes() + " bytes left after a frame of type " + type);
            }
            return f;
        } catch (IndexOutOfBoundsException e) {
            throw new MalformedFrameException("truncated frame", e);
        }
    }

    private static void writeInts(ByteBuf out, int[] v) {
        out.writeInt(v.length);
        for (int x : v) {
            out.writeInt(x);
        }
    }

    private static int[] readInts(ByteBuf in) {
        int n = checkedCount(in, in.readInt(), 4);
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readInt();
        }
        return v;
    }

    /** Slices, not copies; held[0] names them as they are made so that a failure releases them. */
    private static ByteBuf[] readParts(ByteBuf in, ByteBuf[][] held, ShmLink shared) {
        int n = checkedCount(in, in.readInt(), 4);
        if (n == 0) {
            return Parts.NONE;
        }
        ByteBuf[] parts = new ByteBuf[n];
        held[0] = parts;
        for (int i = 0; i < n; i++) {
            int len = in.readInt();
            if (len == ABSENT) {
                continue;
            }
            if (len == SHARED) {
                parts[i] = readShared(in, shared);
                continue;
            }
            checkedCount(in, len, 1);
            parts[i] = in.readRetainedSlice(len);
        }
        return parts;
    }

    /** A part in shared memory; its reference was taken by the writer for this reader. */
    private static ByteBuf readShared(ByteBuf in, ShmLink shared) {
        if (shared == null) {
            throw new MalformedFrameException("a part in shared memory on a connection that did not agree to it");
        }
        String name = readString(in);
        if (name == null || !shared.mayName(name)) {
            throw new MalformedFrameException("a part in shared memory " + name + ", which is not this job's");
        }
        int block = in.readInt();
        int at = in.readInt();
        int len = in.readInt();
        Segment seg;
        try {
            seg = Segment.open(name);
        } catch (IOException e) {
            throw new MalformedFrameException("cannot map the shared memory a part lies in: " + e.getMessage(), e);
        }
        String wrong = seg.check(block, at, len);
        if (wrong != null) {
            throw new MalformedFrameException(wrong);
        }
        return seg.buffer(block, at, len);
    }

    private static void writeString(ByteBuf out, String s) {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.writeBytes(b);
    }

    private static String readString(ByteBuf in) {
        int len = in.readInt();
        if (len == -1) {
            return null;
        }
        checkedCount(in, len, 1);
        String s = in.toString(in.readerIndex(), len, StandardCharsets.UTF_8);
        in.skipBytes(len);
        return s;
    }

    /** A count read from the network must fit in what is left, or it is a lie. */
    private static int checkedCount(ByteBuf in, int n, int unit) {
        if (n < 0 || (long) n * unit > in.readableBytes()) {
            throw new MalformedFrameException("count " + n + " does not fit in the " + in.readableBytes()
                    + " bytes left");
        }
        return n;
    }
}
