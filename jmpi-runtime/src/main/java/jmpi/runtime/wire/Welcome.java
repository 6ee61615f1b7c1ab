package jmpi.runtime.wire;

/**
 * The coordinator accepted a rank.
 *
 * @param flags {@link #SHM}: the coordinator mapped the rank's segment, so both may name blocks in shared memory
 */
public record Welcome(int version, int flags) implements Frame {
    public static final int SHM = 1;

    public Welcome(int version) {
        this(version, 0);
    }

    @Override
    public FrameType type() {
        return FrameType.WELCOME;
    }
}
