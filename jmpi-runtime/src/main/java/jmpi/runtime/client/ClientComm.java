package jmpi.runtime.client;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import jdk.jfr.FlightRecorder;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Op;
import jmpi.Request;
import jmpi.Status;
import jmpi.op.CommunicationGroup;
import jmpi.op.OperationRequest;
import jmpi.runtime.serial.ObjectSerializer;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.CustomCall;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Parts;
import jmpi.runtime.wire.RecvCall;
import jmpi.runtime.wire.Reply;
import jmpi.runtime.wire.SendCall;
import jmpi.runtime.wire.SplitCall;

/** A communicator of a connected rank: checks arguments locally, then makes one call to the coordinator. */
final class ClientComm implements Comm {
    private final ClientSession session;
    private final Link link;
    private final int id;
    private final int rank;
    private final int size;
    private final AtomicLong seq = new AtomicLong();
    private final Map<String, AtomicLong> groupSeqs = new ConcurrentHashMap<>();
    private volatile boolean freed;
    private final BufferCalls buffers = new BufferCalls(this);
    private final java.util.Set<FutureRequest<?>> pending = ConcurrentHashMap.newKeySet();

    ClientComm(ClientSession session, Link link, int id, int rank, int size) {
        this.session = session;
        this.link = link;
        this.id = id;
        this.rank = rank;
        this.size = size;
    }

    private ObjectSerializer serial() {
        return session.serial();
    }

    /** A buffer for an outgoing payload of len bytes: in shared memory when that is to be had. */
    ByteBuf newPart(int len) {
        return link.newPart(len);
    }

    private Link conn() {
        return link;
    }

    // ---- communicator ---------------------------------------------------------------------------

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Comm Dup() {
        return Split(0, rank);
    }

    @Override
    public Comm Split(int color, int key) {
        checkLive();
        if (color < 0 && color != MPI.UNDEFINED) {
            throw new MPIException(MPI.ERR_ARG, "colour " + color + " must be non-negative or MPI.UNDEFINED");
        }
        FutureRequest<Comm> r = new FutureRequest<>();
        r.drivenBy(link);
        int reqId = conn().nextId();
        conn().send(new SplitCall(reqId, id, seq.incrementAndGet(), color, key), reqId, reply -> {
                    if (reply.status() != Reply.OK) {
                        r.fail(reply.error().toException());
                    } else if (reply.comm()[0] < 0) {
                        r.complete(MPI.COMM_NULL, null);
                    } else {
                        int[] a = reply.comm();
                        r.complete(new ClientComm(session, link, a[0], a[1], a.length - 2), null);
                    }
                });
        return r.waitFor();
    }

    @Override
    public void Free() {
        checkLive();
        if (this == session.world() || this == session.self()) {
            throw new MPIException(MPI.ERR_COMM, "cannot free " + this);
        }
        freed = true;
    }

    @Override
    public void Disconnect() {
        checkLive();
        // MPI's Disconnect completes what is pending on the communicator before freeing it
        for (FutureRequest<?> r : List.copyOf(pending)) {
            try {
                r.waitFor();
            } catch (RuntimeException e) {
                // its owner sees the failure; disconnecting goes on
            }
        }
        Free();
    }

    /** Remembers a request until it completes, for {@link #Disconnect()}, and records it for Flight Recorder. */
    private <T> FutureRequest<T> track(FutureRequest<T> r) {
        return track(r, "operation", 0);
    }

    private <T> FutureRequest<T> track(FutureRequest<T> r, String operation, long bytes) {
        pending.add(r);
        r.drivenBy(link);
        // Loading an event class starts Flight Recorder's machinery, some 0.15 s of every JVM's start,
        // so a JVM in which nothing records never loads it; a recording started later is still seen.
        if (FlightRecorder.isInitialized()) {
            OperationEvent.record(r.future, operation, id, size, bytes);
        }
        r.future.whenComplete((v, e) -> pending.remove(r));
        return r;
    }

    private void checkLive() {
        if (freed) {
            throw new MPIException(MPI.ERR_COMM, "communicator " + id + " has been freed");
        }
        session.checkOpen();
    }

    void checkRoot(int root) {
        if (root < 0 || root >= size) {
            throw new MPIException(MPI.ERR_ROOT, "root " + root + " out of range [0, " + size + ")");
        }
    }

    private void checkDest(int dest) {
        if (dest != MPI.PROC_NULL && (dest < 0 || dest >= size)) {
            throw new MPIException(MPI.ERR_RANK, "rank " + dest + " out of range [0, " + size + ")");
        }
    }

    private void checkSource(int source) {
        if (source != MPI.PROC_NULL && source != MPI.ANY_SOURCE && (source < 0 || source >= size)) {
            throw new MPIException(MPI.ERR_RANK, "rank " + source + " out of range [0, " + size + ")");
        }
    }

    private static void checkSendTag(int tag) {
        if (tag < 0) {
            throw new MPIException(MPI.ERR_TAG, "tag " + tag + " must be non-negative");
        }
    }

    private static void checkRecvTag(int tag) {
        if (tag < 0 && tag != MPI.ANY_TAG) {
            throw new MPIException(MPI.ERR_TAG, "tag " + tag + " must be non-negative or MPI.ANY_TAG");
        }
    }

    static Op checkOp(Op op) {
        if (op == null) {
            throw new MPIException(MPI.ERR_OP, "op == null");
        }
        return op;
    }

    // ---- collectives -----------------------------------------------------------------------------

    /** One object as the one part of a call. */
    private ByteBuf[] encode(Object obj) {
        return new ByteBuf[] {serial().toPart(obj, this::newPart)};
    }

    static ByteBuf[] wrap(byte[]... bytes) {
        ByteBuf[] parts = new ByteBuf[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            parts[i] = Parts.wrap(bytes[i]);
        }
        return parts;
    }

    interface Decoder<T> {
        T decode(Reply r);
    }

    private <T> Request<T> collective(Kind kind, int root, int op, ByteBuf[] parts, Decoder<T> decoder) {
        return collective(kind, root, op, 0, parts, decoder);
    }

    /** elemType: the element type of a buffer collective's parts, 0 for serialized objects. */
    <T> Request<T> collective(Kind kind, int root, int op, int elemType, ByteBuf[] parts, Decoder<T> decoder) {
        try {
            checkLive();
        } catch (RuntimeException e) {
            Parts.release(parts);
            throw e;
        }
        int reqId = conn().nextId();
        CollCall c = new CollCall(reqId, kind, id, seq.incrementAndGet(), root, op, elemType, parts);
        FutureRequest<T> r = track(new FutureRequest<>(), kind.label(), c.payloadBytes());
        conn().send(c, reqId, reply -> complete(r, reply, decoder));
        return r;
    }

    private <T> void complete(FutureRequest<T> r, Reply reply, Decoder<T> decoder) {
        if (reply.status() == Reply.ERROR) {
            r.fail(reply.error().toException());
            return;
        }
        try {
            r.complete(decoder.decode(reply), reply.status() == Reply.CANCELLED
                    ? new Status(reply.source(), reply.tag(), 0, true)
                    : new Status(reply.source(), reply.tag(), reply.count(), false));
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // a reply too deep or too large to decode fails its own request, not the thread that read it
            r.fail(e);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T decode(ByteBuf bytes) {
        return bytes == null ? null : (T) serial().fromBytes(bytes);
    }

    private <T> T first(Reply r) {
        return r.parts().length == 0 ? null : decode(r.parts()[0]);
    }

    private <T> List<T> all(Reply r) {
        if (r.parts().length == 0) {
            return null;
        }
        List<T> out = new ArrayList<>(r.parts().length);
        for (ByteBuf p : r.parts()) {
            out.add(decode(p));
        }
        return out;
    }

    @Override
    public Request<Void> ibarrier() {
        return collective(Kind.BARRIER, 0, 0, Parts.NONE, r -> null);
    }

    @Override
    public <T> Request<T> ibcast(T obj, int root) {
        checkRoot(root);
        ByteBuf[] parts = rank == root ? encode(obj) : Parts.NONE;
        return collective(Kind.BCAST, root, 0, parts, this::first);
    }

    @Override
    public <T> Request<List<T>> igather(T obj, int root) {
        checkRoot(root);
        return collective(Kind.GATHER, root, 0, encode(obj), this::all);
    }

    @Override
    public <T> Request<T> iscatter(List<? extends T> objs, int root) {
        checkRoot(root);
        ByteBuf[] parts = Parts.NONE;
        if (rank == root) {
            if (objs == null || objs.size() != size) {
                throw new MPIException(MPI.ERR_COUNT, "scatter needs a list of " + size + " items at the root, not "
                        + (objs == null ? "null" : objs.size()));
            }
            parts = eachToBytes(objs);
        }
        return collective(Kind.SCATTER, root, 0, parts, this::first);
    }

    private ByteBuf[] eachToBytes(List<?> objs) {
        ByteBuf[] parts = new ByteBuf[objs.size()];
        for (int i = 0; i < parts.length; i++) {
            try {
                parts[i] = serial().toPart(objs.get(i), this::newPart);
            } catch (RuntimeException e) {
                // the parts made so far may be pooled or shared memory: nobody else will release them
                Parts.release(parts);
                throw e;
            }
        }
        return parts;
    }

    @Override
    public <T> Request<List<T>> iallgather(T obj) {
        return collective(Kind.ALLGATHER, 0, 0, encode(obj), this::all);
    }

    @Override
    public <T> Request<List<T>> ialltoall(List<? extends T> objs) {
        if (objs == null || objs.size() != size) {
            throw new MPIException(MPI.ERR_COUNT, "alltoall needs a list of " + size + " items, not "
                    + (objs == null ? "null" : objs.size()));
        }
        return collective(Kind.ALLTOALL, 0, 0, eachToBytes(objs), this::all);
    }

    @Override
    public <R> Request<R> ireduce(Object obj, Op op, int root) {
        checkRoot(root);
        checkOp(op);
        return collective(Kind.REDUCE, root, op.ordinal(), encode(obj), this::first);
    }

    @Override
    public <R> Request<R> iallreduce(Object obj, Op op) {
        checkOp(op);
        return collective(Kind.ALLREDUCE, 0, op.ordinal(), encode(obj), this::first);
    }

    // ---- point-to-point --------------------------------------------------------------------------

    @Override
    public Request<Void> isend(Object obj, int dest, int tag) {
        return send(obj, dest, tag, false);
    }

    @Override
    public Request<Void> issend(Object obj, int dest, int tag) {
        return send(obj, dest, tag, true);
    }

    private Request<Void> send(Object obj, int dest, int tag, boolean sync) {
        // arguments first, so a bad rank is ERR_RANK even for an object that cannot be serialized
        checkSend(dest, tag);
        return sendPayload(dest == MPI.PROC_NULL ? null : serial().toPart(obj, this::newPart), dest, tag, sync, 0);
    }

    void checkSend(int dest, int tag) {
        checkLive();
        checkDest(dest);
        checkSendTag(tag);
    }

    /** Sends serialized bytes or raw buffer elements (elemType 0 or the elements' type); the caller has run checkSend. */
    Request<Void> sendPayload(ByteBuf payload, int dest, int tag, boolean sync, int elemType) {
        if (dest == MPI.PROC_NULL) {
            if (payload != null) {
                payload.release();
            }
            return FutureRequest.completed(null, new Status(MPI.PROC_NULL, MPI.ANY_TAG, 0, false));
        }
        int reqId = conn().nextId();
        SendCall c = SendCall.of(reqId, id, dest, tag, sync, elemType, payload);
        FutureRequest<Void> r = track(new FutureRequest<>(), sync ? "ssend" : "send", payload.readableBytes());
        if (sync) {
            conn().send(c, reqId, reply -> complete(r, reply, x -> null));
        } else {
            conn().sendOneWay(c).whenComplete((v, e) -> {
                if (e != null) {
                    r.fail(e);
                } else {
                    r.complete(null, null);
                }
            });
        }
        return r;
    }

    @Override
    public <T> Request<T> irecv(int source, int tag) {
        return receive(source, tag, reply -> {
            if (reply.elemType() != 0) {
                throw new MPIException(MPI.ERR_TYPE, "rank " + reply.source() + " sent a buffer (tag " + reply.tag()
                        + "); receive it with Recv, not recv");
            }
            return first(reply);
        });
    }

    /** Posts a receive; decoder turns the matched message into the result. */
    <T> Request<T> receive(int source, int tag, Decoder<T> decoder) {
        checkLive();
        checkSource(source);
        checkRecvTag(tag);
        if (source == MPI.PROC_NULL) {
            Status st = new Status(MPI.PROC_NULL, MPI.ANY_TAG, 0, false);
            return FutureRequest.completed(decoder.decode(Reply.message(0, Reply.OK, MPI.PROC_NULL, MPI.ANY_TAG, 0, 0,
                    Parts.NONE)), st);
        }
        FutureRequest<T> r = track(new FutureRequest<>(), "recv", 0);
        int reqId = conn().nextId();
        r.onCancel(() -> conn().cancel(reqId));
        conn().send(new RecvCall(reqId, Kind.RECV, id, source, tag), reqId,
                reply -> complete(r, reply, reply.status() == Reply.CANCELLED ? x -> null : decoder));
        return r;
    }

    @Override
    public Status probe(int source, int tag) {
        return probeCall(Kind.PROBE, source, tag).waitFor().orElseThrow();
    }

    @Override
    public Optional<Status> iprobe(int source, int tag) {
        return probeCall(Kind.IPROBE, source, tag).waitFor();
    }

    private Request<Optional<Status>> probeCall(Kind kind, int source, int tag) {
        checkLive();
        checkSource(source);
        checkRecvTag(tag);
        if (source == MPI.PROC_NULL) {
            return FutureRequest.completed(Optional.of(new Status(MPI.PROC_NULL, MPI.ANY_TAG, 0, false)), null);
        }
        FutureRequest<Optional<Status>> r = new FutureRequest<>();
        r.drivenBy(link);
        int reqId = conn().nextId();
        conn().send(new RecvCall(reqId, kind, id, source, tag), reqId, reply -> complete(r, reply, x -> x.status() == Reply.NONE ? Optional.empty()
                        : Optional.of(new Status(x.source(), x.tag(), x.count(), false))));
        return r;
    }

    // ---- buffers ------------------------------------------------------------------------------

    @Override
    public Request<Void> Ibcast(Object buf, int root) {
        return buffers.ibcast(buf, root);
    }

    @Override
    public Request<Void> Igather(Object sendbuf, Object recvbuf, int root) {
        return buffers.igather(sendbuf, recvbuf, root);
    }

    @Override
    public Request<Void> Igatherv(Object sendbuf, Object recvbuf, int[] counts, int[] displs, int root) {
        return buffers.igatherv(sendbuf, recvbuf, counts, displs, root);
    }

    @Override
    public Request<Void> Iscatter(Object sendbuf, Object recvbuf, int root) {
        return buffers.iscatter(sendbuf, recvbuf, root);
    }

    @Override
    public Request<Void> Iscatterv(Object sendbuf, int[] counts, int[] displs, Object recvbuf, int root) {
        return buffers.iscatterv(sendbuf, counts, displs, recvbuf, root);
    }

    @Override
    public Request<Void> Iallgather(Object sendbuf, Object recvbuf) {
        return buffers.iallgather(sendbuf, recvbuf);
    }

    @Override
    public Request<Void> Iallgatherv(Object sendbuf, Object recvbuf, int[] counts, int[] displs) {
        return buffers.iallgatherv(sendbuf, recvbuf, counts, displs);
    }

    @Override
    public Request<Void> Ialltoall(Object sendbuf, Object recvbuf) {
        return buffers.ialltoall(sendbuf, recvbuf);
    }

    @Override
    public Request<Void> Ialltoallv(Object sendbuf, int[] sendcounts, int[] sdispls, Object recvbuf,
                                    int[] recvcounts, int[] rdispls) {
        return buffers.ialltoallv(sendbuf, sendcounts, sdispls, recvbuf, recvcounts, rdispls);
    }

    @Override
    public Request<Void> Ireduce(Object sendbuf, Object recvbuf, Op op, int root) {
        return buffers.ireduce(sendbuf, recvbuf, op, root);
    }

    @Override
    public Request<Void> Iallreduce(Object sendbuf, Object recvbuf, Op op) {
        return buffers.iallreduce(sendbuf, recvbuf, op);
    }

    @Override
    public Request<Void> Isend(Object buf, int dest, int tag) {
        return buffers.isend(buf, dest, tag, false);
    }

    @Override
    public Request<Void> Issend(Object buf, int dest, int tag) {
        return buffers.isend(buf, dest, tag, true);
    }

    @Override
    public Request<Status> Irecv(Object buf, int source, int tag) {
        return buffers.irecv(buf, source, tag);
    }

    // ---- custom operations -----------------------------------------------------------------------

    @Override
    public <T, R, U> Request<U> submit(OperationRequest<T, R> op, Function<? super R, ? extends U> callback) {
        checkLive();
        CommunicationGroup g = op.group();
        for (int r : g.members()) {
            if (r >= size) {
                throw new MPIException(MPI.ERR_RANK, "rank " + r + " of the group out of range [0, " + size + ")");
            }
        }
        if (!g.contains(rank)) {
            return FutureRequest.completed(callback.apply(null), null);
        }
        int[] src = g.src().stream().mapToInt(Integer::intValue).toArray();
        int[] dst = g.dst().stream().mapToInt(Integer::intValue).toArray();
        String key = Arrays.toString(src) + "->" + Arrays.toString(dst);
        long n = groupSeqs.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        byte[] ctx = serial().toBytes(op.ctx());
        ByteBuf[] parts = g.src().contains(rank) ? wrap(ctx, serial().toBytes(op.data())) : wrap(ctx);
        int reqId = conn().nextId();
        CustomCall call = new CustomCall(reqId, id, n, src, dst, parts);
        FutureRequest<U> r = track(new FutureRequest<>(), op.ctx().getClass().getSimpleName(), call.payloadBytes());
        conn().send(call, reqId,
                reply -> complete(r, reply, x -> callback.apply(this.<R>first(x))));
        return r;
    }

    int id() {
        return id;
    }

    @Override
    public String toString() {
        return "Comm[id=" + id + ", rank=" + rank + ", size=" + size + "]";
    }
}
