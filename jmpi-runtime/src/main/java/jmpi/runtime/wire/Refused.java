package jmpi.runtime.wire;

/** The coordinator refused a rank (wrong token, rank taken or out of range); the connection closes. */
public record Refused(String reason) implements Frame {

    @Override
    public FrameType type() {
        return FrameType.REFUSED;
    }
}
