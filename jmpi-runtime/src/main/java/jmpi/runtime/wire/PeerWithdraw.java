package jmpi.runtime.wire;

/**
 * A sender takes back a message that waits at its receiver for a receive (JMPI_OP_TIMEOUT ended the
 * send's wait), and the receiver answers. With {@link #TAKEN_BACK} no receive had matched it and it
 * is gone: the send fails. Without, a receive has it, and the sender goes on to its {@link PeerAck}
 * or {@link PeerGo}. So exactly one of delivered and timed out happens, on both sides.
 *
 * @param id the sender's number for the message: its ssend's, or with {@link #OFFER} its offer's
 * @param flags {@link #OFFER}, {@link #ANSWER} (the receiver's answer), {@link #TAKEN_BACK}
 */
public record PeerWithdraw(int id, int flags) implements Frame {
    /** The id is an offer's (a large message), not an ssend's. */
    public static final int OFFER = 1;
    /** The receiver answers a sender's question. */
    public static final int ANSWER = 2;
    /** In an answer: the message was still unmatched and is gone now. */
    public static final int TAKEN_BACK = 4;

    @Override
    public FrameType type() {
        return FrameType.PEER_WITHDRAW;
    }

    public boolean offer() {
        return (flags & OFFER) != 0;
    }

    public boolean answer() {
        return (flags & ANSWER) != 0;
    }

    public boolean takenBack() {
        return (flags & TAKEN_BACK) != 0;
    }

    /** The receiver's answer to this question. */
    public PeerWithdraw answered(boolean takenBack) {
        return new PeerWithdraw(id, (flags & OFFER) | ANSWER | (takenBack ? TAKEN_BACK : 0));
    }
}
