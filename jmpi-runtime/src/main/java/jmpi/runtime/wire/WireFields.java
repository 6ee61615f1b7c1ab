package jmpi.runtime.wire;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** The field types of the protocol: strings and int arrays, length-prefixed, with counts checked against what is left. */
final class WireFields {
    private WireFields() {
    }

    static void writeInts(ByteBuf out, int[] v) {
        out.writeInt(v.length);
        for (int x : v) {
            out.writeInt(x);
        }
    }

    static int[] readInts(ByteBuf in) {
        int n = checkedCount(in, in.readInt(), 4);
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readInt();
        }
        return v;
    }

    static void writeString(ByteBuf out, String s) {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.writeBytes(b);
    }

    static String readString(ByteBuf in) {
        int len = in.readInt();
        if (len == -1) {
            return null;
        }
        checkedCount(in, len, 1);
        String s = in.toString(in.readerIndex(), len, StandardCharsets.UTF_8);
        in.skipBytes(len);
        return s;
    }

    /** A bound on the bytes a string takes on the wire. */
    static int stringSize(String s) {
        return 4 + (s == null ? 0 : 3 * s.length());
    }

    static boolean readBoolean(ByteBuf in) {
        byte b = in.readByte();
        if (b != 0 && b != 1) {
            throw new MalformedFrameException("a flag of " + b + ", not 0 or 1");
        }
        return b == 1;
    }

    /** A count read from the network must fit in what is left, or it is a lie. */
    static int checkedCount(ByteBuf in, int n, int unit) {
        if (n < 0 || (long) n * unit > in.readableBytes()) {
            throw new MalformedFrameException("count " + n + " does not fit in the " + in.readableBytes()
                    + " bytes left");
        }
        return n;
    }
}
