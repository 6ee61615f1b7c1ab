package jmpi.runtime.wire;

import static jmpi.runtime.wire.WireFields.checkedCount;
import static jmpi.runtime.wire.WireFields.readString;
import static jmpi.runtime.wire.WireFields.stringSize;
import static jmpi.runtime.wire.WireFields.writeString;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;

/**
 * The byte layout of every frame (see docs/protocol.md): a 4-byte length, a type byte, then the
 * body ({@link FrameBodies}). Integers are big-endian; strings and byte arrays are length-prefixed
 * (-1 for null).
 *
 * <p>Payload parts are never copied on the way through: {@link #decode} returns frames whose parts
 * are slices of the bytes read, and {@link #encode(Frame, ByteBufAllocator, List)} writes large
 * parts by reference next to a small header.
 */
public final class FrameCodec {
    /** The protocol version a {@link Hello} carries. */
    public static final int VERSION = 7;
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
        if (f instanceof Carrier c) {
            n += 4 + 4 * c.parts().length + (int) Math.min(Integer.MAX_VALUE - 1024, c.payloadBytes());
        }
        if (f instanceof CustomCall c) {
            n += 4 * (c.src().length + c.dst().length);
        } else if (f instanceof Reply r) {
            n += 4 * r.comm().length;
            if (r.error() != null) {
                n += stringSize(r.error().message()) + stringSize(r.error().stack()) + stringSize(r.error().type());
            }
        } else if (f instanceof Hello h) {
            n += stringSize(h.token()) + stringSize(h.shm()) + stringSize(h.data());
        } else if (f instanceof RankReport r) {
            n += stringSize(r.threads()) + stringSize(r.waits());
        } else if (f instanceof SharedCall c) {
            n += stringSize(c.name());
        } else if (f instanceof Refused r) {
            n += stringSize(r.reason());
        }
        return n;
    }

    /**
     * Writes the frame, length prefix included, copying its parts into out. The frame keeps its
     * references: the caller still releases it.
     */
    public static void encode(Frame f, ByteBuf out) {
        int start = out.writerIndex();
        out.writeInt(0);
        out.writeByte(f.type().code());
        FrameBodies.writeHead(f, out);
        if (f.type().carriesParts() && f instanceof Carrier c) {
            ByteBuf[] parts = c.parts();
            out.writeInt(parts.length);
            for (ByteBuf p : parts) {
                if (p == null) {
                    out.writeInt(ABSENT);
                } else {
                    out.writeInt(p.readableBytes());
                    out.writeBytes(p, p.readerIndex(), p.readableBytes());
                }
            }
        }
        FrameBodies.writeTail(f, out);
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

    /** As above; where shared allows it, large parts are named by their place in shared memory instead. */
    public static void encode(Frame f, ByteBufAllocator alloc, List<Object> out, SharedParts shared) {
        if (!f.type().carriesParts() || !(f instanceof Carrier c) || c.payloadBytes() < INLINE_LIMIT) {
            ByteBuf b = alloc.ioBuffer(sizeHint(f));
            encode(f, b);
            out.add(b);
            return;
        }
        int first = out.size();
        ByteBuf cur = alloc.ioBuffer(256);
        cur.writeInt(0);
        cur.writeByte(f.type().code());
        FrameBodies.writeHead(f, cur);
        ByteBuf[] parts = c.parts();
        cur.writeInt(parts.length);
        long total = 0;
        for (ByteBuf p : parts) {
            if (p == null) {
                cur.writeInt(ABSENT);
                continue;
            }
            int len = p.readableBytes();
            if (len >= SharedParts.MIN_PART && shared != null && shared.sending() && writeShared(p, shared, cur)) {
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
        FrameBodies.writeTail(f, cur);
        total += cur.readableBytes();
        out.add(cur);
        ByteBuf head = (ByteBuf) out.get(first);
        head.setInt(head.readerIndex(), (int) (total - 4));
    }

    private static boolean writeShared(ByteBuf p, SharedParts shared, ByteBuf out) {
        SharedParts.Place place = shared.place(p);
        if (place == null) {
            return false;
        }
        out.writeInt(SHARED);
        writeString(out, place.segment());
        out.writeInt(place.block());
        out.writeInt(place.at());
        out.writeInt(place.length());
        return true;
    }

    /**
     * Reads one frame body (the length prefix already removed); throws {@link MalformedFrameException}.
     * The frame's parts are new references to slices of in, which the caller may release.
     */
    public static Frame decode(ByteBuf in) {
        return decode(in, null);
    }

    /** As above; shared says which shared memory parts may name (null: none, such a part is malformed). */
    public static Frame decode(ByteBuf in, SharedParts shared) {
        ByteBuf[][] held = new ByteBuf[1][];
        try {
            FrameType type = FrameType.ofCode(in.readByte());
            Frame f = FrameBodies.read(type, in, body -> readParts(body, held, shared));
            if (in.isReadable()) {
                throw new MalformedFrameException(in.readableBytes() + " bytes left after a frame of type " + type);
            }
            return f;
        } catch (IndexOutOfBoundsException e) {
            release(held);
            throw new MalformedFrameException("truncated frame", e);
        } catch (RuntimeException e) {
            release(held);
            throw e;
        }
    }

    private static void release(ByteBuf[][] held) {
        if (held[0] != null) {
            Parts.release(held[0]);
        }
    }

    /** Slices, not copies; held[0] names them as they are made so that a failure releases them. */
    private static ByteBuf[] readParts(ByteBuf in, ByteBuf[][] held, SharedParts shared) {
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
                if (shared == null) {
                    throw new MalformedFrameException("a part in shared memory on a connection that did not agree to it");
                }
                parts[i] = shared.open(new SharedParts.Place(readString(in), in.readInt(), in.readInt(), in.readInt()));
                continue;
            }
            checkedCount(in, len, 1);
            parts[i] = in.readRetainedSlice(len);
        }
        return parts;
    }
}
