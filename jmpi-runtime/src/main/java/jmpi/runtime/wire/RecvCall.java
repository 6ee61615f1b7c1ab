package jmpi.runtime.wire;

import io.netty.buffer.ByteBuf;
import jmpi.MPI;

/**
 * A receive, a probe or an iprobe: waits for (or looks for) a message from source with tag.
 *
 * @param kind {@link Kind#RECV}, {@link Kind#PROBE}, {@link Kind#IPROBE} or {@link Kind#IMPROBE}
 * @param source the sender's rank, or {@code MPI.ANY_SOURCE}
 * @param tag the tag, or {@code MPI.ANY_TAG}
 */
public record RecvCall(int reqId, Kind kind, int comm, int source, int tag) implements Call {

    public RecvCall {
        if (kind != Kind.RECV && kind != Kind.PROBE && kind != Kind.IPROBE && kind != Kind.IMPROBE) {
            throw new IllegalArgumentException(kind + " is not a receive or probe");
        }
    }

    @Override
    public FrameType type() {
        return FrameType.RECV_CALL;
    }

    @Override
    public ByteBuf[] parts() {
        return Parts.NONE;
    }

    /** Whether the matched message is taken; a probe only looks at it. */
    public boolean takes() {
        return kind == Kind.RECV || kind == Kind.IMPROBE;
    }

    @Override
    public String describe() {
        return kind.label() + "(source " + (source == MPI.ANY_SOURCE ? "any" : source) + ", tag "
                + (tag == MPI.ANY_TAG ? "any" : tag) + ")";
    }
}
