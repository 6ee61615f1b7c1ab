package jmpi.runtime.client;

import io.netty.buffer.ByteBuf;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Request;
import jmpi.runtime.elem.BufferView;
import jmpi.runtime.p2p.Outgoing;
import jmpi.spi.BufferSpace;

/**
 * Buffered sends (Bsend, bsend) of a communicator: the message is copied at once, its bytes counted
 * against the attached buffer (the communicator's if it has one, else the process's) until it has
 * gone, and the send is complete as soon as it is copied. A message that does not fit is refused
 * with ERR_BUFFER before anything is sent.
 */
final class BufferedSends {
    private final CommCore comm;
    private final PointToPointCalls p2p;
    private final BufferSpace own = new BufferSpace("this communicator's (Attach_buffer)");

    BufferedSends(CommCore comm, PointToPointCalls p2p) {
        this.comm = comm;
        this.p2p = p2p;
    }

    void attach(int bytes) {
        own.attach(bytes);
    }

    int detach() {
        return own.detach();
    }

    Starter<Void> bsend(Object buf, int dest, int tag) {
        p2p.checkSend(dest, tag);
        BufferView v = BufferView.of(buf, "buffer");
        if (dest == MPI.PROC_NULL) {
            return () -> FutureRequest.completed(null, null);
        }
        return () -> send(v.readBuf(0, v.count(), comm::newPart), dest, tag, v.type().code());
    }

    Request<Void> ibsendObject(Object obj, int dest, int tag) {
        p2p.checkSend(dest, tag);
        if (dest == MPI.PROC_NULL) {
            return FutureRequest.completed(null, null);
        }
        return send(comm.serial().toPart(obj, comm::newPart), dest, tag, 0);
    }

    /** Sends a copy (whose reference passes here) once its room is taken; the room comes back when it has gone. */
    private Request<Void> send(ByteBuf copy, int dest, int tag, int elemType) {
        BufferSpace space = own.attached() ? own : BufferSpace.PROCESS;
        long bytes = copy.readableBytes();
        try {
            space.reserve(bytes);
        } catch (MPIException e) {
            copy.release();
            throw e;
        }
        Request<Void> sent;
        try {
            sent = p2p.sendPayload(Outgoing.of(copy), dest, tag, false, elemType);
        } catch (RuntimeException e) {
            space.release(bytes);
            throw e;
        }
        sent.toCompletableFuture().whenComplete((v, e) -> space.release(bytes));
        return FutureRequest.completed(null, null);
    }
}
