package jmpi.runtime.wire;

/** What a {@link SharedCall} does, with its code on the wire. */
public enum SharedOp {
    COUNTER_ADD(1, "counter.addAndGet"),
    LOCK(2, "lock"),
    /** Takes the lock only if it is free now. */
    TRY_LOCK(3, "tryLock"),
    UNLOCK(4, "unlock"),
    ACQUIRE(5, "semaphore.acquire"),
    /** Takes permits only if they are free now. */
    TRY_ACQUIRE(6, "semaphore.tryAcquire"),
    RELEASE(7, "semaphore.release"),
    PERMITS(8, "semaphore.availablePermits"),
    MAP_GET(9, "map.get"),
    MAP_PUT(10, "map.put"),
    MAP_MERGE(11, "map.merge"),
    MAP_REMOVE(12, "map.remove"),
    MAP_SIZE(13, "map.size");

    private static final SharedOp[] BY_CODE = new SharedOp[14];

    static {
        for (SharedOp o : values()) {
            BY_CODE[o.code] = o;
        }
    }

    private final byte code;
    private final String label;

    SharedOp(int code, String label) {
        this.code = (byte) code;
        this.label = label;
    }

    public byte code() {
        return code;
    }

    /** The method users called, for the roll-call. */
    public String label() {
        return label;
    }

    /** Whether the call may wait for other ranks (and so be cancelled). */
    public boolean waits() {
        return this == LOCK || this == ACQUIRE;
    }

    /** The operation a code names; an unknown code makes the frame malformed. */
    public static SharedOp ofCode(byte code) {
        SharedOp o = code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        if (o == null) {
            throw new MalformedFrameException("unknown shared-state operation " + code);
        }
        return o;
    }
}
