package jmpi.runtime.client;

import io.netty.buffer.ByteBuf;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Message;
import jmpi.Request;
import jmpi.Status;
import jmpi.runtime.link.Netty;
import jmpi.runtime.p2p.DataPlane;
import jmpi.runtime.p2p.Outgoing;
import jmpi.runtime.p2p.Sink;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Parts;
import jmpi.runtime.wire.RecvCall;
import jmpi.runtime.wire.Reply;
import jmpi.runtime.wire.SendCall;

/** Sends, receives and probes of a communicator, for objects and buffers alike. */
final class PointToPointCalls {
    private final CommCore comm;
    private final ObjectCalls objects;

    PointToPointCalls(CommCore comm, ObjectCalls objects) {
        this.comm = comm;
        this.objects = objects;
    }

    Request<Void> send(Object obj, int dest, int tag, boolean sync) {
        // arguments first, so a bad rank is ERR_RANK even for an object that cannot be serialized
        checkSend(dest, tag);
        return sendPayload(Outgoing.of(dest == MPI.PROC_NULL ? new ByteBuf[1] : comm.serial().toPieces(obj, comm::newPart)), dest,
                tag, sync, 0);
    }

    void checkRecv(int source, int tag) {
        comm.checkLive();
        Checks.source(source, comm.peers());
        Checks.recvTag(tag);
    }

    void checkSend(int dest, int tag) {
        comm.checkLive();
        Checks.dest(dest, comm.peers());
        Checks.sendTag(tag);
    }

    /** Sends serialized bytes or raw buffer elements (elemType 0 or the elements' type); the caller has run checkSend. */
    Request<Void> sendPayload(Outgoing out, int dest, int tag, boolean sync, int elemType) {
        if (dest == MPI.PROC_NULL) {
            out.release();
            return FutureRequest.completed(null, new Status(MPI.PROC_NULL, MPI.ANY_TAG, 0, false));
        }
        DataPlane data = comm.data();
        if (data != null) {
            long bytes = out.bytes();
            // refused (too large) before anything is tracked
            int to = comm.members()[comm.member(dest)];
            CompletableFuture<Void> sent = data.send(comm.id(), comm.rank(), to, tag, sync, elemType, out);
            FutureRequest<Void> r = comm.track(new FutureRequest<>(), sync ? "ssend" : "send", bytes, data.driver());
            sent.whenComplete((v, e) -> {
                if (e != null) {
                    r.fail(e);
                } else {
                    r.complete(null, null);
                }
            });
            return r;
        }
        try {
            Netty.checkRelayable(out.bytes());
        } catch (MPIException e) {
            out.release();
            throw e;
        }
        ByteBuf payload = out.whole();
        int reqId = comm.conn().nextId();
        SendCall c = SendCall.of(reqId, comm.id(), comm.member(dest), tag, sync, elemType, payload);
        FutureRequest<Void> r = comm.track(new FutureRequest<>(), sync ? "ssend" : "send", payload.readableBytes());
        if (sync) {
            comm.conn().send(c, reqId, reply -> comm.complete(r, comm.asPeer(reply), x -> null));
        } else {
            comm.conn().sendOneWay(c).whenComplete((v, e) -> {
                if (e != null) {
                    r.fail(e);
                } else {
                    r.complete(null, null);
                }
            });
        }
        return r;
    }

    <T> Request<T> irecv(int source, int tag) {
        return receive(source, tag, null, reply -> {
            if (reply.elemType() != 0) {
                throw new MPIException(MPI.ERR_TYPE, "rank " + reply.source() + " sent a buffer (tag " + reply.tag()
                        + "); receive it with Recv, not recv");
            }
            return objects.first(reply);
        });
    }

    /**
     * Posts a receive; decoder turns the matched message into the result. On the data plane a large
     * message goes straight to sink as it arrives (null: whole, for an object's decoder), and the
     * decoder then sees no parts.
     */
    <T> Request<T> receive(int source, int tag, Sink sink, CommCore.Decoder<T> decoder) {
        checkRecv(source, tag);
        if (source == MPI.PROC_NULL) {
            Status st = new Status(MPI.PROC_NULL, MPI.ANY_TAG, 0, false);
            return FutureRequest.completed(decoder.decode(Reply.message(0, Reply.OK, MPI.PROC_NULL, MPI.ANY_TAG, 0, 0,
                    Parts.NONE)), st);
        }
        DataPlane data = comm.data();
        if (data != null) {
            FutureRequest<T> r = comm.track(new FutureRequest<>(), "recv", 0, data.driver());
            r.onCancel(data.receive(comm.id(), comm.member(source), tag, comm.faults().watchedFor(source), false,
                    sink, reply -> comm.complete(r, comm.asPeer(reply),
                            reply.status() == Reply.CANCELLED ? x -> null : decoder)));
            return r;
        }
        FutureRequest<T> r = comm.track(new FutureRequest<>(), "recv", 0);
        int reqId = comm.conn().nextId();
        r.onCancel(() -> comm.conn().cancel(reqId));
        comm.conn().send(new RecvCall(reqId, Kind.RECV, comm.id(), comm.member(source), tag), reqId,
                reply -> comm.complete(r, comm.asPeer(reply), reply.status() == Reply.CANCELLED ? x -> null : decoder));
        return r;
    }

    /**
     * A matched probe: takes a matching message (waiting for one, or only if one is there now) so that
     * no other receive can have it. The message's bytes come with it, a large one's once they are in.
     */
    Request<Optional<Message>> matchedProbe(int source, int tag, boolean wait) {
        comm.checkLive();
        Checks.source(source, comm.peers());
        Checks.recvTag(tag);
        if (source == MPI.PROC_NULL) {
            return FutureRequest.completed(Optional.of(MPI.MESSAGE_NO_PROC), null);
        }
        CommCore.Decoder<Optional<Message>> taken = x -> x.status() == Reply.NONE || x.status() == Reply.CANCELLED
                ? Optional.empty() : Optional.of(new TakenMessage(objects, x));
        FutureRequest<Optional<Message>> r = new FutureRequest<>();
        DataPlane data = comm.data();
        if (data != null) {
            r.drivenBy(data.driver());
            Runnable takeBack = data.receive(comm.id(), comm.member(source), tag, comm.faults().watchedFor(source),
                    false, null, reply -> comm.complete(r, comm.asPeer(reply), taken));
            if (!wait) {
                // nothing matched now: the receive is taken back, and answers none
                takeBack.run();
            }
            return r;
        }
        r.drivenBy(comm.conn());
        int reqId = comm.conn().nextId();
        comm.conn().send(new RecvCall(reqId, wait ? Kind.RECV : Kind.IMPROBE, comm.id(), comm.member(source), tag), reqId,
                reply -> comm.complete(r, comm.asPeer(reply), taken));
        return r;
    }

    Request<Optional<Status>> probe(Kind kind, int source, int tag) {
        comm.checkLive();
        Checks.source(source, comm.peers());
        Checks.recvTag(tag);
        if (source == MPI.PROC_NULL) {
            return FutureRequest.completed(Optional.of(new Status(MPI.PROC_NULL, MPI.ANY_TAG, 0, false)), null);
        }
        CommCore.Decoder<Optional<Status>> envelope = x -> x.status() == Reply.NONE ? Optional.empty()
                : Optional.of(new Status(x.source(), x.tag(), x.count(), false, MPI.SUCCESS));
        FutureRequest<Optional<Status>> r = new FutureRequest<>();
        DataPlane data = comm.data();
        if (data != null) {
            if (kind == Kind.IPROBE) {
                comm.complete(r, comm.asPeer(data.peek(comm.id(), comm.member(source), tag)), envelope);
            } else {
                r.drivenBy(data.driver());
                data.receive(comm.id(), comm.member(source), tag, comm.faults().watchedFor(source), true, null,
                        reply -> comm.complete(r, comm.asPeer(reply), envelope));
            }
            return r;
        }
        r.drivenBy(comm.conn());
        int reqId = comm.conn().nextId();
        comm.conn().send(new RecvCall(reqId, kind, comm.id(), comm.member(source), tag), reqId,
                reply -> comm.complete(r, comm.asPeer(reply), envelope));
        return r;
    }
}
