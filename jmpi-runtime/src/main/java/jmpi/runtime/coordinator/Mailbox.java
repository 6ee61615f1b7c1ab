package jmpi.runtime.coordinator;

import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import jmpi.MPI;
import jmpi.runtime.elem.ElementType;

/**
 * The point-to-point state of one rank on one communicator: messages that arrived before a matching
 * receive, and receives (and probes) that were posted before a matching message. Both are kept in
 * arrival order, which gives MPI's non-overtaking rule.
 */
final class Mailbox {
    /** A message waiting for its receive, since (System.nanoTime()) it came. */
    record Message(int source, int tag, ByteBuf payload, int senderWorld, int senderReqId, boolean sync, int elemType,
            long since) {
        Message(int source, int tag, ByteBuf payload, int senderWorld, int senderReqId, boolean sync, int elemType) {
            this(source, tag, payload, senderWorld, senderReqId, sync, elemType, System.nanoTime());
        }

        /** Elements for buffers, bytes for objects. */
        int count() {
            int bytes = payload == null ? 0 : payload.readableBytes();
            return elemType == 0 ? bytes : bytes / ElementType.ofCode(elemType).size();
        }
    }

    /** A receive or probe waiting for its message. */
    record Posted(int reqId, int source, int tag, boolean probe, long since) {
        Posted(int reqId, int source, int tag, boolean probe) {
            this(reqId, source, tag, probe, System.nanoTime());
        }
    }

    final ArrayDeque<Message> unexpected = new ArrayDeque<>();
    final List<Posted> posted = new ArrayList<>();

    /** Drops the waiting messages and their payloads. */
    void clearMessages() {
        for (Message m : unexpected) {
            if (m.payload() != null) {
                m.payload().release();
            }
        }
        unexpected.clear();
    }

    static boolean matches(int wantSource, int wantTag, int source, int tag) {
        return (wantSource == MPI.ANY_SOURCE || wantSource == source) && (wantTag == MPI.ANY_TAG || wantTag == tag);
    }
}
