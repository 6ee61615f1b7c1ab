package jmpi.runtime.wire;

/** A rank introduces itself: the first frame on every connection. */
public record Hello(int version, int rank, int size, String token) implements Frame {
    public static final byte TYPE = 1;

    @Override
    public byte type() {
        return TYPE;
    }
}
