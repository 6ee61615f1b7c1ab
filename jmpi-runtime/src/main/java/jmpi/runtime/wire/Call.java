package jmpi.runtime.wire;

/**
 * A rank asks the coordinator to take part in an operation. Each shape of call is a record of its
 * own, with fields that mean one thing; every call owns one reference to each of its parts.
 */
public sealed interface Call extends Frame, Carrier permits MatchedCall, SendCall, RecvCall, RevokeCall, AckCall, SharedCall {
    /** The rank's id for the reply. */
    int reqId();

    /** The communicator id. */
    int comm();

    Kind kind();

    /** A short description for the roll-call: kind and arguments. */
    String describe();

    @Override
    default Call retain() {
        Carrier.super.retain();
        return this;
    }
}
