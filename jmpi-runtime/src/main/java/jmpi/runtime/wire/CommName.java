package jmpi.runtime.wire;

/**
 * A rank named a communicator ({@code Set_name}): one way, so that the coordinator's status page and
 * warnings can say the name.
 *
 * @param comm the communicator id
 * @param name the name the rank gave it
 */
public record CommName(int comm, String name) implements Frame {

    @Override
    public FrameType type() {
        return FrameType.COMM_NAME;
    }
}
