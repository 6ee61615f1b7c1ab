package jmpi.runtime.wire;

/**
 * A rank introduces itself: the first frame on every connection.
 *
 * @param shm the name of the rank's shared-memory segment, offered for large payloads; null for none
 * @param data where the rank's data link listens, {@code host:port}, or {@code :port} for the host the
 *             coordinator sees it connect from; null when it has none (and on links between ranks)
 */
public record Hello(int version, int rank, int size, String token, String shm, String data) implements Frame {

    public Hello(int version, int rank, int size, String token) {
        this(version, rank, size, token, null, null);
    }

    @Override
    public FrameType type() {
        return FrameType.HELLO;
    }
}
