package jmpi.runtime.p2p;

import io.netty.buffer.ByteBuf;
import jmpi.runtime.elem.ElementType;

/**
 * A message that reached this rank: its envelope and payload, and who sent it.
 *
 * @param source the sender's rank in the communicator
 * @param fromWorld the sender's world rank
 * @param syncId the sender's ssend number, to acknowledge the match; 0 for a standard send
 * @param payload the bytes, owned by this message until a receive takes them; null for none
 */
record Arrived(int source, int tag, int elemType, ByteBuf payload, int fromWorld, int syncId) {
    /** Elements for buffers, bytes for objects. */
    int count() {
        int bytes = payload == null ? 0 : payload.readableBytes();
        return elemType == 0 ? bytes : bytes / ElementType.ofCode(elemType).size();
    }

    void release() {
        if (payload != null) {
            payload.release();
        }
    }
}
