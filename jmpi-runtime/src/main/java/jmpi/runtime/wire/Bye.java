package jmpi.runtime.wire;

/** A rank leaves after finalizing; a connection closed without it means the rank failed. */
public record Bye() implements Frame {

    @Override
    public FrameType type() {
        return FrameType.BYE;
    }
}
