package jmpi.runtime.wire;

/**
 * The coordinator tells every live member that a communicator was revoked, unasked: a member
 * waiting on it for a peer's message would otherwise wait forever.
 *
 * @param comm the communicator's id
 * @param byRank the world rank that revoked it
 */
public record CommRevoked(int comm, int byRank) implements Frame {

    @Override
    public FrameType type() {
        return FrameType.COMM_REVOKED;
    }

    /** What an operation on the revoked communicator fails with, on every member alike. */
    public String message() {
        return "communicator " + comm + " was revoked by rank " + byRank
                + ": only Agree, Shrink, Get_failed, Ack_failed and Free work on it now (Shrink gives one to go on with)";
    }
}
