package jmpi.runtime.wire;

/** A rank leaves after finalizing; a connection closed without it means the rank failed. */
public record Bye() implements Frame {
    public static final byte TYPE = 7;

    @Override
    public byte type() {
        return TYPE;
    }
}
