package jmpi.runtime.wire;

import io.netty.buffer.ByteBuf;

/**
 * A built-in collective: barrier, bcast, gather, scatter, allgather, alltoall, reduce, allreduce.
 *
 * @param root the root rank of a rooted collective, else 0
 * @param op the ordinal of the reduce operation, else 0
 * @param elemType the element type's wire code of a buffer call; 0 when the parts are serialized objects
 * @param parts this rank's payloads (see docs/protocol.md for each kind)
 */
public record CollCall(int reqId, Kind kind, int comm, long seq, int root, int op, int elemType, ByteBuf[] parts)
        implements MatchedCall {

    public CollCall {
        if (kind.category() != Kind.Category.COLLECTIVE) {
            throw new IllegalArgumentException(kind + " is not a built-in collective");
        }
    }

    @Override
    public FrameType type() {
        return FrameType.COLL_CALL;
    }

    @Override
    public boolean agreesWith(MatchedCall other) {
        return other instanceof CollCall c && c.kind == kind && c.root == root && c.op == op && c.elemType == elemType;
    }

    @Override
    public String signature() {
        return rooted() ? kind.label() + "(root " + root + ")" : kind.label();
    }

    /** Whether the kind has a root: bcast, gather, scatter, reduce. */
    public boolean rooted() {
        return kind == Kind.BCAST || kind == Kind.GATHER || kind == Kind.SCATTER || kind == Kind.REDUCE;
    }
}
