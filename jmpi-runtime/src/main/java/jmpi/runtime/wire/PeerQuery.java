package jmpi.runtime.wire;

/**
 * A rank asks the coordinator where another rank's data link listens; the reply carries the address
 * as one part, {@code host:port} in UTF-8, once that rank has joined.
 *
 * @param rank the world rank asked about
 */
public record PeerQuery(int reqId, int rank) implements Frame {

    @Override
    public FrameType type() {
        return FrameType.PEER_QUERY;
    }
}
