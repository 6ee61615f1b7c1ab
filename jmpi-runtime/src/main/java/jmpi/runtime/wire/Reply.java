package jmpi.runtime.wire;

import io.netty.buffer.ByteBuf;

/**
 * The coordinator answers a {@link Call}.
 *
 * @param reqId the rank's id of the call
 * @param status {@link #OK}, {@link #ERROR}, {@link #CANCELLED} or {@link #NONE}
 * @param source sender rank (receives, probes)
 * @param tag message tag (receives, probes)
 * @param count payload size (receives, probes): elements of a buffer message, bytes of an object
 * @param elemType the element type's wire code of a received buffer message; 0 for an object
 * @param comm a new communicator (split): its id, this rank's rank in it, its members' world ranks;
 *             {@code [-1]} when the rank is in none; empty for every other reply
 * @param parts payloads; the reply owns one reference to each
 * @param error the failure when status is {@link #ERROR}, else null
 */
public record Reply(int reqId, byte status, int source, int tag, long count, int elemType, int[] comm, ByteBuf[] parts,
                    ErrorInfo error) implements Frame, Carrier {
    public static final byte OK = 0;
    public static final byte ERROR = 1;
    public static final byte CANCELLED = 2;
    /** A probe that found nothing. */
    public static final byte NONE = 3;
    public static final int[] NO_COMM = new int[0];

    @Override
    public FrameType type() {
        return FrameType.REPLY;
    }

    public static Reply ok(int reqId, ByteBuf... parts) {
        return new Reply(reqId, OK, 0, 0, 0, 0, NO_COMM, parts, null);
    }

    public static Reply error(int reqId, ErrorInfo error) {
        return new Reply(reqId, ERROR, 0, 0, 0, 0, NO_COMM, Parts.NONE, error);
    }

    /** The answer to a split: the new communicator, or {@code [-1]} for none. */
    public static Reply comm(int reqId, int[] comm) {
        return new Reply(reqId, OK, 0, 0, 0, 0, comm, Parts.NONE, null);
    }

    /** A matched message's envelope, with its payload for a receive or none for a probe. */
    public static Reply message(int reqId, byte status, int source, int tag, long count, int elemType, ByteBuf[] parts) {
        return new Reply(reqId, status, source, tag, count, elemType, NO_COMM, parts, null);
    }
}
