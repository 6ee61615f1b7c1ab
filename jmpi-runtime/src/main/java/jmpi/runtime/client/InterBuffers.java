package jmpi.runtime.client;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Op;
import jmpi.Request;
import jmpi.runtime.elem.BufferView;
import jmpi.runtime.elem.ElementType;

/**
 * An intercommunicator's Allgather and Allreduce: the inner communicator's Allgather into a scratch
 * array of both groups' blocks, of which each rank keeps the remote group's (Allreduce folds them in
 * the remote group's rank order, on the rank, so a user operation works on every path).
 */
final class InterBuffers {
    private final ClientComm inner;
    private final int peerBase;
    private final int peerCount;

    InterBuffers(ClientComm inner, int peerBase, int peerCount) {
        this.inner = inner;
        this.peerBase = peerBase;
        this.peerCount = peerCount;
    }

    Request<Void> allgather(Object sendbuf, Object recvbuf) {
        BufferView send = checked(sendbuf, recvbuf, peerCount, "Allgather");
        int n = send.count();
        Object all = send.type().newArray(n * inner.size());
        Request<Void> gathered = inner.Iallgather(sendbuf, all);
        return new JoinedRequest<>(List.of(gathered), () -> {
            copy(send.type(), all, peerBase * n, recvbuf, peerCount * n);
            return null;
        });
    }

    Request<Void> allreduce(Object sendbuf, Object recvbuf, Op op) {
        Checks.op(op);
        BufferView send = checked(sendbuf, recvbuf, 1, "Allreduce");
        ElementType t = send.type();
        int n = send.count();
        Object all = t.newArray(n * inner.size());
        Request<Void> gathered = inner.Iallgather(sendbuf, all);
        return new JoinedRequest<>(List.of(gathered), () -> {
            Object folded = block(t, all, peerBase, n);
            for (int r = 1; r < peerCount; r++) {
                // the lower rank's fold is the left operand: Reduce_local writes in ⊕ inout into inout
                Object next = block(t, all, peerBase + r, n);
                op.Reduce_local(folded, next);
                folded = next;
            }
            copy(t, folded, 0, recvbuf, n);
            return null;
        });
    }

    /** The send buffer's view, once both buffers are of one type and recvbuf holds blocks of its size. */
    private static BufferView checked(Object sendbuf, Object recvbuf, int blocks, String op) {
        if (sendbuf == MPI.IN_PLACE) {
            throw new MPIException(MPI.ERR_BUFFER, op + " on an intercommunicator takes no MPI.IN_PLACE: the"
                    + " result is the other group's, so give a send buffer");
        }
        BufferView send = BufferView.of(sendbuf, "sendbuf");
        BufferView recv = BufferView.of(recvbuf, "recvbuf");
        if (send.type() != recv.type()) {
            throw new MPIException(MPI.ERR_TYPE, op + ": sendbuf holds " + send.type().typeName()
                    + " elements, recvbuf " + recv.type().typeName());
        }
        long needed = (long) send.count() * blocks;
        if (recv.count() < needed) {
            throw new MPIException(MPI.ERR_TRUNCATE, op + " on an intercommunicator: recvbuf holds " + recv.count()
                    + " elements, the remote group's " + blocks + " block(s) of " + send.count() + " need " + needed);
        }
        return send;
    }

    private static Object block(ElementType t, Object all, int index, int n) {
        Object b = t.newArray(n);
        System.arraycopy(all, index * n, b, 0, n);
        return b;
    }

    /** Copies n elements of from (an array), from element off, to the start of to (an array or nio buffer). */
    private static void copy(ElementType t, Object from, int off, Object to, int n) {
        ByteBuffer le = ByteBuffer.allocate(n * t.size()).order(ByteOrder.LITTLE_ENDIAN);
        t.encode(from, off, n, le);
        t.decode(le, to, 0, n);
    }
}
