package jmpi.runtime.wire;

import io.netty.buffer.ByteBuf;

/**
 * The coordinator answers a {@link Call}.
 *
 * @param reqId the rank's id of the call
 * @param status {@link #OK}, {@link #ERROR}, {@link #CANCELLED} or {@link #NONE}
 * @param source sender rank (receives, probes)
 * @param tag message tag (receives, probes)
 * @param count payload size
 * @param ints small results (a new communicator's id, rank and members)
 * @param parts payloads; the reply owns one reference to each
 * @param error the failure when status is {@link #ERROR}, else null
 */
public record Reply(int reqId, byte status, int source, int tag, int count, int[] ints, ByteBuf[] parts,
                    ErrorInfo error) implements Frame, Carrier {
    public static final byte TYPE = 5;
    public static final byte OK = 0;
    public static final byte ERROR = 1;
    public static final byte CANCELLED = 2;
    /** A probe that found nothing. */
    public static final byte NONE = 3;

    @Override
    public byte type() {
        return TYPE;
    }

    public static Reply ok(int reqId, ByteBuf... parts) {
        return new Reply(reqId, OK, 0, 0, 0, Call.NO_RANKS, parts, null);
    }

    public static Reply error(int reqId, ErrorInfo error) {
        return new Reply(reqId, ERROR, 0, 0, 0, Call.NO_RANKS, Call.NO_PARTS, error);
    }
}
