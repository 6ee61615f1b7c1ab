package jmpi.runtime.wire;

/** Asks the coordinator to cancel a pending receive or probe. */
public record Cancel(int reqId) implements Frame {
    public static final byte TYPE = 6;

    @Override
    public byte type() {
        return TYPE;
    }
}
