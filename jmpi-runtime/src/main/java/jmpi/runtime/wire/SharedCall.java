package jmpi.runtime.wire;

import io.netty.buffer.ByteBuf;

/**
 * An operation on a communicator's shared state, which the coordinator holds and answers alone:
 * no other rank's call is matched with it. The reply carries a long (the counter's value, whether a
 * lock or permits were granted) and, for a map, the value's bytes when it has one.
 *
 * @param op    what to do
 * @param name  the object's name in its communicator
 * @param a     the operation's first number: a counter's delta, a lock's owner (the thread's id),
 *              the permits to take or give, a merge's op
 * @param b     the second: a semaphore's initial permits; 0 elsewhere
 * @param parts a map's key, then the value (put, merge); none for the other objects
 */
public record SharedCall(int reqId, int comm, SharedOp op, String name, long a, long b, ByteBuf[] parts)
        implements Call {

    @Override
    public Kind kind() {
        return Kind.SHARED;
    }

    @Override
    public FrameType type() {
        return FrameType.SHARED_CALL;
    }

    @Override
    public String describe() {
        return op.label() + "(\"" + name + "\")";
    }
}
