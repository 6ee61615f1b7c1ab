package jmpi.runtime.wire;

/**
 * A rank introduces itself: the first frame on every connection.
 *
 * @param shm the name of the rank's shared-memory segment, offered for large payloads; null for none
 * @param data where the rank's data link listens, {@code host:port}, or {@code :port} for the host the
 *             coordinator sees it connect from; null when it has none (and on links between ranks)
 * @param host the name of the rank's host ({@code MPI.Get_processor_name()}), which tells the ranks of
 *             one host apart from the others where the coordinator cannot see their addresses; null
 *             when not said (on links between ranks)
 * @param pipe on a link between two ranks of one host, the shared-memory pipe through which every frame
 *             after this one comes (the socket then only rings); null for none, and to the coordinator
 */
public record Hello(int version, int rank, int size, String token, String shm, String data, String host, String pipe)
        implements Frame {

    public Hello(int version, int rank, int size, String token, String shm, String data, String host) {
        this(version, rank, size, token, shm, data, host, null);
    }

    public Hello(int version, int rank, int size, String token) {
        this(version, rank, size, token, null, null);
    }

    public Hello(int version, int rank, int size, String token, String shm, String data) {
        this(version, rank, size, token, shm, data, null);
    }

    @Override
    public FrameType type() {
        return FrameType.HELLO;
    }
}
