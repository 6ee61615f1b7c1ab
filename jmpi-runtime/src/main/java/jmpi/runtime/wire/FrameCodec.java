package jmpi.runtime.wire;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The byte layout of every frame (see docs/protocol.md): a 4-byte length, a type byte, then the
 * body. Integers are big-endian; strings and byte arrays are length-prefixed (-1 for null).
 */
public final class FrameCodec {
    /** The protocol version a {@link Hello} carries. */
    public static final int VERSION = 1;

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
            n += h.token() == null ? 0 : 3 * h.token().length();
        } else if (f instanceof Refused r) {
            n += 3 * r.reason().length();
        }
        return n;
    }

    private static int partsSize(byte[][] parts) {
        int n = 4;
        for (byte[] p : parts) {
            n += 4 + (p == null ? 0 : p.length);
        }
        return n;
    }

    /** Writes the frame, length prefix included. */
    public static void encode(Frame f, ByteBuf out) {
        int start = out.writerIndex();
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
            writeParts(out, c.parts());
        } else if (f instanceof Reply r) {
            out.writeInt(r.reqId());
            out.writeByte(r.status());
            out.writeInt(r.source());
            out.writeInt(r.tag());
            out.writeInt(r.count());
            writeInts(out, r.ints());
            writeParts(out, r.parts());
            if (r.status() == Reply.ERROR) {
                ErrorInfo e = r.error();
                out.writeByte(e.kind());
                out.writeInt(e.errorClass());
                writeString(out, e.type());
                writeString(out, e.message());
                writeString(out, e.stack());
                out.writeInt(e.failedRank());
            }
        } else if (f instanceof Hello h) {
            out.writeInt(h.version());
            out.writeInt(h.rank());
            out.writeInt(h.size());
            writeString(out, h.token());
        } else if (f instanceof Welcome w) {
            out.writeInt(w.version());
        } else if (f instanceof Refused r) {
            writeString(out, r.reason());
        } else if (f instanceof Cancel c) {
            out.writeInt(c.reqId());
        }
        out.setInt(start, out.writerIndex() - start - 4);
    }

    /** Reads one frame body (the length prefix already removed); throws {@link MalformedFrameException}. */
    public static Frame decode(ByteBuf in) {
        try {
            byte type = in.readByte();
            Frame f;
            switch (type) {
                case Call.TYPE:
                    f = new Call(in.readInt(), in.readByte(), in.readInt(), in.readLong(), in.readInt(), in.readInt(),
                            in.readInt(), in.readInt(), in.readInt(), readInts(in), readInts(in), readParts(in));
                    break;
                case Reply.TYPE: {
                    int reqId = in.readInt();
                    byte status = in.readByte();
                    int source = in.readInt();
                    int tag = in.readInt();
                    int count = in.readInt();
                    int[] ints = readInts(in);
                    byte[][] parts = readParts(in);
                    ErrorInfo e = null;
                    if (status == Reply.ERROR) {
                        e = new ErrorInfo(in.readByte(), in.readInt(), readString(in), readString(in), readString(in),
                                in.readInt());
                    }
                    f = new Reply(reqId, status, source, tag, count, ints, parts, e);
                    break;
                }
                case Hello.TYPE:
                    f = new Hello(in.readInt(), in.readInt(), in.readInt(), readString(in));
                    break;
                case Welcome.TYPE:
                    f = new Welcome(in.readInt());
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

    private static void writeParts(ByteBuf out, byte[][] parts) {
        out.writeInt(parts.length);
        for (byte[] p : parts) {
            if (p == null) {
                out.writeInt(-1);
            } else {
                out.writeInt(p.length);
                out.writeBytes(p);
            }
        }
    }

    private static byte[][] readParts(ByteBuf in) {
        int n = checkedCount(in, in.readInt(), 4);
        byte[][] parts = new byte[n][];
        for (int i = 0; i < n; i++) {
            int len = in.readInt();
            if (len == -1) {
                continue;
            }
            checkedCount(in, len, 1);
            parts[i] = new byte[len];
            in.readBytes(parts[i]);
        }
        return parts;
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
