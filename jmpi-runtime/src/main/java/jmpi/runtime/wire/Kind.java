package jmpi.runtime.wire;

/** What a {@link Call} asks for. */
public final class Kind {
    public static final byte BARRIER = 1;
    public static final byte BCAST = 2;
    public static final byte GATHER = 3;
    public static final byte SCATTER = 4;
    public static final byte ALLGATHER = 5;
    public static final byte ALLTOALL = 6;
    public static final byte REDUCE = 7;
    public static final byte ALLREDUCE = 8;
    public static final byte CUSTOM = 9;
    public static final byte SPLIT = 10;
    public static final byte SEND = 20;
    public static final byte RECV = 21;
    public static final byte PROBE = 22;
    public static final byte IPROBE = 23;

    private static final String[] NAMES = new String[32];

    static {
        NAMES[BARRIER] = "barrier";
        NAMES[BCAST] = "bcast";
        NAMES[GATHER] = "gather";
        NAMES[SCATTER] = "scatter";
        NAMES[ALLGATHER] = "allgather";
        NAMES[ALLTOALL] = "alltoall";
        NAMES[REDUCE] = "reduce";
        NAMES[ALLREDUCE] = "allreduce";
        NAMES[CUSTOM] = "custom";
        NAMES[SPLIT] = "split";
        NAMES[SEND] = "send";
        NAMES[RECV] = "recv";
        NAMES[PROBE] = "probe";
        NAMES[IPROBE] = "iprobe";
    }

    private Kind() {
    }

    /** A readable name for logs and errors. */
    public static String name(byte kind) {
        return kind > 0 && kind < NAMES.length && NAMES[kind] != null ? NAMES[kind] : "kind#" + kind;
    }

    /** Whether every member of a communicator (or group) takes part. */
    public static boolean isCollective(byte kind) {
        return kind >= BARRIER && kind <= SPLIT;
    }
}
