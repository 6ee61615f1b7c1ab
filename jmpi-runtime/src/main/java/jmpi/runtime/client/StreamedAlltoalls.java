package jmpi.runtime.client;

import io.netty.buffer.ByteBuf;
import jmpi.Request;
import jmpi.runtime.coll.AlltoallStreamed;
import jmpi.runtime.elem.BufferView;
import jmpi.runtime.wire.Kind;

/**
 * Alltoalls that stream ({@link AlltoallStreamed}): each block chunk by chunk from the user's send
 * buffer to its rank, and each chunk received straight into the user's receive buffer. Only among
 * ranks on the data plane, where the table chooses it, and never in place, where a block would be
 * overwritten before all of it had left.
 */
final class StreamedAlltoalls {
    private StreamedAlltoalls() {
    }

    /** Whether an alltoall in which each rank sends bytes in all streams on comm. */
    static boolean applies(CommCore comm, long bytes) {
        return StreamedRuns.chosen(comm, Kind.ALLTOALL, bytes, AlltoallStreamed.class);
    }

    /** Starts this rank's part: block elements of send to each rank, recv's blocks from each rank. */
    static Request<Void> start(CommCore comm, BufferView send, int block, BufferView recv, int recvBlock) {
        comm.checkLive();
        comm.checkIntra(Kind.ALLTOALL.label());
        int size = send.type().size();
        AlltoallStreamed.Blocks blocks = new AlltoallStreamed.Blocks() {
            @Override
            public long sendBytes(int to) {
                return (long) block * size;
            }

            @Override
            public long recvBytes(int from) {
                return (long) recvBlock * size;
            }

            @Override
            public ByteBuf read(int to, long offset, int length) {
                int from = to * block + (int) (offset / size);
                // a chunk to a peer may go into this rank's shared segment; its own block only passes through
                return to == comm.rank() ? send.readBuf(from, length / size)
                        : send.readBuf(from, length / size, comm::newPart);
            }

            @Override
            public void write(int from, long offset, ByteBuf chunk) {
                recv.write(chunk, from * recvBlock + (int) (offset / size));
            }
        };
        return StreamedRuns.start(comm, comm.nextSeq(), Kind.ALLTOALL, 0, send.type().code(),
                (long) block * size * comm.size(), x -> AlltoallStreamed.stream(x, blocks));
    }
}
