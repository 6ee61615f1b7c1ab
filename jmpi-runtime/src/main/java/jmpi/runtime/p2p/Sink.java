package jmpi.runtime.p2p;

import io.netty.buffer.ByteBuf;

/**
 * Where a receive puts a large message as its chunks arrive: the user's array or buffer, so that
 * the message is never staged whole on its way in.
 */
public interface Sink {
    /**
     * Checks that a message of elemType (0: an object) and bytes may be received here; throws the
     * MPIException (ERR_TYPE, ERR_TRUNCATE) that the receive fails with if not.
     */
    void check(int source, int tag, int elemType, long bytes);

    /** Writes the readable bytes of chunk at byte offset of the message. */
    void write(long offset, ByteBuf chunk);
}
