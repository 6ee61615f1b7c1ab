package jmpi.runtime.wire;

/** The coordinator accepted a rank. */
public record Welcome(int version) implements Frame {
    public static final byte TYPE = 2;

    @Override
    public byte type() {
        return TYPE;
    }
}
