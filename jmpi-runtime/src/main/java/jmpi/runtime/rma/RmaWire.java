package jmpi.runtime.rma;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import jmpi.MPIException;

/**
 * The messages of a window, on a duplicate of its communicator and made of JDK types only. A request
 * is a {@code byte[]}: a header (what, who asks, the tag its answer goes back on, the byte offset in
 * the target's memory, element type, op, lock type, bytes affected) and the origin's data. An answer
 * is a {@code byte[]} (the data read, empty for an acknowledgement) or, on failure, a list of the
 * error class and message.
 */
final class RmaWire {
    /** The tag of requests; answers go back on a tag the origin chose, 1 or more. */
    static final int REQUEST = 0;
    private static final int HEADER = 24;

    enum Kind { PUT, GET, ACCUMULATE, GET_ACCUMULATE, COMPARE_AND_SWAP, LOCK, UNLOCK, FLUSH, STOP }

    /** A decoded request; data holds what follows the header. */
    record Req(Kind kind, int origin, int replyTag, long offset, int typeCode, int op, int lockType, int length,
            byte[] data) {
    }

    private RmaWire() {
    }

    /** A request with no element data. */
    static byte[] control(Kind kind, int origin, int replyTag, int lockType) {
        return request(kind, origin, replyTag, 0, 0, 0, lockType, 0);
    }

    /** A request; parts are the origin's data, one after the other. */
    static byte[] request(Kind kind, int origin, int replyTag, long offset, int typeCode, int op, int lockType,
            int length, byte[]... parts) {
        int size = HEADER;
        for (byte[] p : parts) {
            size += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) kind.ordinal()).putInt(origin).putInt(replyTag).putLong(offset)
                .put((byte) typeCode).put((byte) op).put((byte) lockType).putInt(length);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    static Req read(byte[] m) {
        ByteBuffer b = ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN);
        Kind kind = Kind.values()[b.get()];
        int origin = b.getInt();
        int tag = b.getInt();
        long offset = b.getLong();
        int type = b.get();
        int op = b.get();
        int lock = b.get();
        int length = b.getInt();
        byte[] data = new byte[m.length - HEADER];
        System.arraycopy(m, HEADER, data, 0, data.length);
        return new Req(kind, origin, tag, offset, type, op, lock, length, data);
    }

    /** A failure as an answer: its class and message. */
    static ArrayList<Object> failure(MPIException e) {
        ArrayList<Object> f = new ArrayList<>(2);
        f.add(e.errorClass());
        f.add(e.getMessage());
        return f;
    }

    /** The data of an answer; throws the failure it carries. */
    static byte[] answer(Object reply) {
        if (reply instanceof byte[] data) {
            return data;
        }
        List<?> f = (List<?>) reply;
        throw new MPIException((Integer) f.get(0), (String) f.get(1));
    }
}
