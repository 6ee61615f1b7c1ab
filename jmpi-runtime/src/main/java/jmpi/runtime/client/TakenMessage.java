package jmpi.runtime.client;

import io.netty.buffer.ByteBuf;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Message;
import jmpi.Request;
import jmpi.Status;
import jmpi.runtime.elem.BufferView;
import jmpi.runtime.wire.Parts;
import jmpi.runtime.wire.Reply;

/**
 * A message a matched probe took: its envelope and bytes, held here (no other receive can have
 * them) until its own receive decodes them, as an object or into a buffer, once.
 */
final class TakenMessage implements Message {
    private final ObjectCalls objects;
    private final Status status;
    private final int elemType;
    private ByteBuf[] parts;
    private boolean received;

    /** Keeps a new reference to the reply's bytes, which the reply's own are let go of after. */
    TakenMessage(ObjectCalls objects, Reply reply) {
        this.objects = objects;
        this.status = new Status(reply.source(), reply.tag(), reply.count(), false, MPI.SUCCESS);
        this.elemType = reply.elemType();
        this.parts = new ByteBuf[reply.parts().length];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = Parts.share(reply.parts()[i]);
        }
    }

    @Override
    public Status status() {
        return status;
    }

    @Override
    public synchronized boolean received() {
        return received;
    }

    /** The bytes, once: a second receive of one message is an error, as in MPI. */
    private synchronized ByteBuf[] take() {
        if (received) {
            throw new MPIException(MPI.ERR_REQUEST, "this message (from rank " + status.source() + ", tag "
                    + status.tag() + ") has been received already");
        }
        received = true;
        ByteBuf[] b = parts;
        parts = null;
        return b;
    }

    @Override
    public <T> T recv() {
        ByteBuf[] b = take();
        try {
            if (elemType != 0) {
                throw new MPIException(MPI.ERR_TYPE, "rank " + status.source() + " sent a buffer (tag " + status.tag()
                        + "); receive it with Recv, not recv");
            }
            return objects.first(Reply.message(0, Reply.OK, status.source(), status.tag(), status.countLong(), elemType,
                    b));
        } finally {
            Parts.release(b);
        }
    }

    @Override
    public <T> Request<T> irecv() {
        return FutureRequest.completed(recv(), status);
    }

    @Override
    public Request<Status> Irecv(Object buf) {
        BufferSink sink = new BufferSink(BufferView.of(buf, "buffer"));
        ByteBuf[] b = take();
        try {
            // a buffer's bytes come in one part
            sink.check(status.source(), status.tag(), elemType, Parts.readable(b));
            if (b.length > 0) {
                sink.write(0, b[0]);
            }
        } finally {
            Parts.release(b);
        }
        return FutureRequest.completed(status, status);
    }

    @Override
    public String toString() {
        return "message from rank " + status.source() + ", tag " + status.tag() + (received ? " (received)" : "");
    }
}
