package jmpi.runtime.wire;

/**
 * What a call asks for, with its code on the wire and the way the coordinator matches it: a
 * collective waits for every member, a point-to-point call for its peer. Routing reads the
 * category, never a range of codes, so a new kind is routed by what it says it is.
 */
public enum Kind {
    BARRIER(1, Category.COLLECTIVE),
    BCAST(2, Category.COLLECTIVE),
    GATHER(3, Category.COLLECTIVE),
    SCATTER(4, Category.COLLECTIVE),
    ALLGATHER(5, Category.COLLECTIVE),
    ALLTOALL(6, Category.COLLECTIVE),
    REDUCE(7, Category.COLLECTIVE),
    ALLREDUCE(8, Category.COLLECTIVE),
    CUSTOM(9, Category.GROUP),
    SPLIT(10, Category.COMMUNICATOR),
    SCAN(11, Category.COLLECTIVE),
    EXSCAN(12, Category.COLLECTIVE),
    REDUCE_SCATTER(13, Category.COLLECTIVE),
    ALLTOALLW(14, Category.COLLECTIVE),
    /** Only the members of a group call it, and a new communicator comes out. */
    CREATE_GROUP(40, Category.GROUP),
    SEND(20, Category.POINT_TO_POINT),
    RECV(21, Category.POINT_TO_POINT),
    PROBE(22, Category.POINT_TO_POINT),
    IPROBE(23, Category.POINT_TO_POINT),
    /** A matched probe that does not wait: takes a matching message if one is there, else answers none. */
    IMPROBE(24, Category.POINT_TO_POINT),
    /** An operation on shared state (a counter, lock, semaphore or map), answered by the coordinator alone. */
    SHARED(30, Category.SHARED_STATE),
    AGREE(60, Category.SURVIVORS),
    SHRINK(61, Category.SURVIVORS),
    REVOKE(62, Category.NOTICE),
    ACK_FAILED(63, Category.NOTICE);

    /** How the coordinator matches a call of this kind. */
    public enum Category {
        /** Every member of the communicator takes part, in the same order on every rank. */
        COLLECTIVE,
        /** The members of a group take part: a custom operation's, or a {@code Create_group}'s. */
        GROUP,
        /** Every member takes part and a new communicator comes out. */
        COMMUNICATOR,
        /** A sender and a receiver meet. */
        POINT_TO_POINT,
        /** The members still alive take part; the failure of one does not fail it, and a revoked communicator allows it. */
        SURVIVORS,
        /** One rank tells the coordinator something about a communicator, which tells every member. */
        NOTICE,
        /** One rank and the state the coordinator holds: nobody else's call is matched with it. */
        SHARED_STATE
    }

    private static final Kind[] BY_CODE = new Kind[128];

    static {
        for (Kind k : values()) {
            BY_CODE[k.code] = k;
        }
    }

    private final byte code;
    private final Category category;

    Kind(int code, Category category) {
        this.code = (byte) code;
        this.category = category;
    }

    public byte code() {
        return code;
    }

    public Category category() {
        return category;
    }

    /** Whether every member of a communicator or group must call it before it completes. */
    public boolean isCollective() {
        return category != Category.POINT_TO_POINT && category != Category.NOTICE && category != Category.SHARED_STATE;
    }

    /** The name users know it by, for logs and errors. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The kind a wire code names; a code that names none makes the frame malformed. */
    public static Kind ofCode(byte code) {
        Kind k = code > 0 ? BY_CODE[code] : null;
        if (k == null) {
            throw new MalformedFrameException("unknown call kind " + code);
        }
        return k;
    }
}
