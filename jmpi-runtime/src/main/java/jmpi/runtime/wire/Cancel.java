package jmpi.runtime.wire;

/** Asks the coordinator to cancel a pending receive or probe. */
public record Cancel(int reqId) implements Frame {

    @Override
    public FrameType type() {
        return FrameType.CANCEL;
    }
}
