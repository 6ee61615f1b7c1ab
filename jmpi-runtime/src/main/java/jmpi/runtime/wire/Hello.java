package jmpi.runtime.wire;

/**
 * A rank introduces itself: the first frame on every connection.
 *
 * @param shm the name of the rank's shared-memory segment, offered for large payloads; null for none
 */
public record Hello(int version, int rank, int size, String token, String shm) implements Frame {

    public Hello(int version, int rank, int size, String token) {
        this(version, rank, size, token, null);
    }

    @Override
    public FrameType type() {
        return FrameType.HELLO;
    }
}
