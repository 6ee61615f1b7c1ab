package jmpi.runtime.wire;

/** The type byte of every frame; {@link FrameCodec} switches over it, so a new frame cannot be forgotten there. */
public enum FrameType {
    HELLO(1, false),
    WELCOME(2, false),
    REFUSED(3, false),
    COLL_CALL(4, true),
    REPLY(5, true),
    CANCEL(6, false),
    BYE(7, false),
    SPLIT_CALL(8, false),
    CUSTOM_CALL(9, true),
    SEND_CALL(10, true),
    RECV_CALL(11, false),
    PEER_QUERY(12, false),
    PEER_MESSAGE(13, true),
    PEER_ACK(14, false),
    RANK_FAILED(15, false),
    PEER_OFFER(16, false),
    PEER_GO(17, false),
    PEER_CHUNK(18, true),
    JOB_ABORTED(19, false),
    SHARED_CALL(20, true),
    RANK_QUERY(21, false),
    RANK_REPORT(22, false),
    CREATE_GROUP_CALL(40, false),
    COMM_NAME(41, false),
    // fault tolerance: numbered apart, so that other additions never collide with them
    SURVIVOR_CALL(60, false),
    REVOKE_CALL(61, false),
    COMM_REVOKED(62, false),
    ACK_CALL(63, false),
    // the data plane's answers to JMPI_OP_TIMEOUT
    PEER_WITHDRAW(80, false);

    private static final FrameType[] BY_CODE = new FrameType[128];

    static {
        for (FrameType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final byte code;
    private final boolean parts;

    FrameType(int code, boolean parts) {
        this.code = (byte) code;
        this.parts = parts;
    }

    /** Whether frames of this type have a parts section on the wire. */
    public boolean carriesParts() {
        return parts;
    }

    public byte code() {
        return code;
    }

    /** The type a code names; an unknown code makes the frame malformed. */
    public static FrameType ofCode(byte code) {
        FrameType t = code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        if (t == null) {
            throw new MalformedFrameException("unknown frame type " + code);
        }
        return t;
    }
}
