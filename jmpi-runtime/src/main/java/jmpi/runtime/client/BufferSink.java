package jmpi.runtime.client;

import io.netty.buffer.ByteBuf;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.elem.BufferView;
import jmpi.runtime.elem.ElementType;
import jmpi.runtime.p2p.Sink;

/**
 * A receive's buffer as the place a message arrives: the checks every buffer receive makes (an
 * object or elements of another type are ERR_TYPE, too many elements ERR_TRUNCATE), and the
 * writing of a large message's chunks straight into the user's array; from element off on, at most
 * count elements (a block of the buffer, for a neighbour collective).
 */
record BufferSink(BufferView into, int off, int count) implements Sink {

    /** The whole of a buffer. */
    BufferSink(BufferView into) {
        this(into, 0, into.count());
    }

    @Override
    public void check(int source, int tag, int elemType, long bytes) {
        if (elemType == 0) {
            throw new MPIException(MPI.ERR_TYPE, "rank " + source + " sent an object (tag " + tag
                    + "); receive it with recv, not Recv");
        }
        if (elemType != into.type().code()) {
            throw new MPIException(MPI.ERR_TYPE, "rank " + source + " sent " + ElementType.ofCode(elemType).typeName()
                    + " elements into a buffer of " + into.type().typeName());
        }
        long n = bytes / into.type().size();
        if (n > count) {
            throw new MPIException(MPI.ERR_TRUNCATE, "message of " + n + " elements from rank " + source
                    + " does not fit in " + count);
        }
    }

    @Override
    public void write(long offset, ByteBuf chunk) {
        into.write(chunk, off + (int) (offset / into.type().size()));
    }
}
