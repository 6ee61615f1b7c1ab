package jmpi.runtime.client;

import io.netty.buffer.ByteBuf;
import jmpi.MPI;
import jmpi.Request;
import jmpi.Status;
import jmpi.runtime.elem.BufferView;
import jmpi.runtime.p2p.Outgoing;

/**
 * isendrecv and Isendrecv (and so sendrecv and Sendrecv): both halves are checked, and the send's bytes made, before the receive is
 * posted. Were the receive posted first, a send refused afterwards (a bad rank, tag or buffer, an
 * object that cannot be serialized) would leave it behind, to take a later message meant for another
 * receive; were the send made first, a refused receive would leave a message no one asked for.
 */
final class SendRecvCalls {
    private final CommCore comm;
    private final PointToPointCalls p2p;
    private final BufferCalls buffers;

    SendRecvCalls(CommCore comm, PointToPointCalls p2p, BufferCalls buffers) {
        this.comm = comm;
        this.p2p = p2p;
        this.buffers = buffers;
    }

    <T> Request<T> isendrecv(Object obj, int dest, int sendtag, int source, int recvtag) {
        p2p.checkSend(dest, sendtag);
        ByteBuf payload = dest == MPI.PROC_NULL ? null : comm.serial().toPart(obj, comm::newPart);
        Request<T> received;
        try {
            received = p2p.irecv(source, recvtag);
        } catch (RuntimeException e) {
            release(payload);
            throw e;
        }
        Request<Void> sent = p2p.sendPayload(Outgoing.of(payload), dest, sendtag, false, 0);
        return new PairRequest<>(received, sent);
    }

    Request<Status> isendrecv(Object sendbuf, int dest, int sendtag, Object recvbuf, int source, int recvtag) {
        p2p.checkSend(dest, sendtag);
        BufferView v = BufferView.of(sendbuf, "buffer");
        Request<Status> received = buffers.recv(recvbuf, source, recvtag).start();
        Request<Void> sent = p2p.sendPayload(Outgoing.of(v, comm::newPart), dest, sendtag, false, v.type().code());
        return new PairRequest<>(received, sent);
    }

    private static void release(ByteBuf payload) {
        if (payload != null) {
            payload.release();
        }
    }
}
