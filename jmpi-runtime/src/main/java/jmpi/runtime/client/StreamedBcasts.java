package jmpi.runtime.client;

import io.netty.buffer.ByteBuf;
import jmpi.Request;
import jmpi.runtime.coll.BcastStreamed;
import jmpi.runtime.elem.BufferView;
import jmpi.runtime.wire.Kind;

/**
 * Bcasts that stream ({@link BcastStreamed}): a large buffer chunk by chunk straight from the root's
 * buffer into each rank's, and an object too large for one part, from the root's pieces into each
 * rank's assembly. Only among ranks on the data plane, where the table chooses it.
 */
final class StreamedBcasts {
    private StreamedBcasts() {
    }

    /** Whether a buffer bcast of this many bytes on comm streams. */
    static boolean applies(CommCore comm, long bytes) {
        return StreamedRuns.chosen(comm, Kind.BCAST, bytes, BcastStreamed.class);
    }

    /** Starts this rank's part of a streamed bcast of v from root (see {@link #applies}). */
    static Request<Void> ofBuffer(CommCore comm, BufferView v, int root) {
        comm.checkLive();
        comm.checkIntra(Kind.BCAST.label());
        long bytes = (long) v.count() * v.type().size();
        BcastStreamed.Buffer buffer = new BcastStreamed.Buffer() {
            @Override
            public long bytes() {
                return bytes;
            }

            @Override
            public ByteBuf read(long offset, int length) {
                return v.readBuf((int) (offset / v.type().size()), length / v.type().size(), comm::newPart);
            }

            @Override
            public void write(long offset, ByteBuf chunk) {
                v.write(chunk, (int) (offset / v.type().size()));
            }
        };
        return start(comm, comm.nextSeq(), root, v.type().code(), buffer);
    }

    /** Streams buffer from root down the ranks of comm as its collective numbered seq. */
    static FutureRequest<Void> start(CommCore comm, long seq, int root, int elemType, BcastStreamed.Buffer buffer) {
        return StreamedRuns.start(comm, seq, Kind.BCAST, root, elemType, buffer.bytes(),
                x -> BcastStreamed.stream(x, root, buffer));
    }
}
