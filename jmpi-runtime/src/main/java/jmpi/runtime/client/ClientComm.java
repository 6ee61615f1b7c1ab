package jmpi.runtime.client;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import jmpi.Cartcomm;
import jmpi.Distgraphcomm;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Message;
import jmpi.Op;
import jmpi.Request;
import jmpi.Status;
import jmpi.op.CommunicationGroup;
import jmpi.op.OperationRequest;
import jmpi.runtime.link.Link;
import jmpi.runtime.p2p.DataPlane;
import jmpi.runtime.wire.CustomCall;
import jmpi.runtime.wire.Kind;

/**
 * A communicator of a connected rank, as the program sees it: each method checks its arguments
 * locally, then makes one call through the communicator's objects, buffers or point-to-point calls.
 */
class ClientComm extends CommLifecycle {
    private final ObjectCalls objects;
    private final PointToPointCalls p2p;
    private final BufferCalls buffers;
    private final SendRecvCalls sendRecv;
    private final BufferedSends buffered;
    private final ReduceScatterCalls reduceScatter;
    private final AlltoallwCalls alltoallw;

    /** members: the world rank of each rank of the communicator. */
    ClientComm(ClientSession session, Link link, DataPlane data, int id, int rank, int[] members) {
        this(new CommCore(session, link, data, id, rank, members));
    }

    ClientComm(CommCore core) {
        super(core);
        this.objects = new ObjectCalls(core);
        this.p2p = new PointToPointCalls(core, objects);
        this.buffers = new BufferCalls(core, p2p);
        this.sendRecv = new SendRecvCalls(core, p2p, buffers);
        this.buffered = new BufferedSends(core, p2p);
        this.reduceScatter = new ReduceScatterCalls(core);
        this.alltoallw = new AlltoallwCalls(core);
    }

    @Override
    PointToPointCalls p2p() {
        return p2p;
    }

    @Override
    BufferCalls buffers() {
        return buffers;
    }

    @Override
    BufferedSends buffered() {
        return buffered;
    }

    // ---- collectives on objects -------------------------------------------------------------------

    @Override
    public Request<Void> ibarrier() {
        return objects.ibarrier();
    }

    @Override
    public <T> Request<T> ibcast(T obj, int root) {
        return objects.ibcast(obj, root);
    }

    @Override
    public <T> Request<List<T>> igather(T obj, int root) {
        return objects.igather(obj, root);
    }

    @Override
    public <T> Request<T> iscatter(List<? extends T> objs, int root) {
        return objects.iscatter(objs, root);
    }

    @Override
    public <T> Request<List<T>> iallgather(T obj) {
        return objects.iallgather(obj);
    }

    @Override
    public <T> Request<List<T>> ialltoall(List<? extends T> objs) {
        return objects.ialltoall(objs);
    }

    @Override
    public <R> Request<R> ireduce(Object obj, Op op, int root) {
        return objects.ireduce(obj, op, root);
    }

    @Override
    public <R> Request<R> iallreduce(Object obj, Op op) {
        return objects.iallreduce(obj, op);
    }

    @Override
    public <R> Request<R> iscan(Object obj, Op op) {
        return objects.iscan(Kind.SCAN, obj, op);
    }

    @Override
    public <R> Request<R> iexscan(Object obj, Op op) {
        return objects.iscan(Kind.EXSCAN, obj, op);
    }

    // ---- point-to-point on objects ----------------------------------------------------------------

    @Override
    public Request<Void> isend(Object obj, int dest, int tag) {
        return p2p.send(obj, dest, tag, false);
    }

    @Override
    public Request<Void> issend(Object obj, int dest, int tag) {
        return p2p.send(obj, dest, tag, true);
    }

    @Override
    public <T> Request<T> isendrecv(Object obj, int dest, int sendtag, int source, int recvtag) {
        return sendRecv.isendrecv(obj, dest, sendtag, source, recvtag);
    }

    @Override
    public Request<Void> ibsend(Object obj, int dest, int tag) {
        return buffered.ibsendObject(obj, dest, tag);
    }

    @Override
    public <T> Request<T> irecv(int source, int tag) {
        return p2p.irecv(source, tag);
    }

    @Override
    public Status probe(int source, int tag) {
        return p2p.probe(Kind.PROBE, source, tag).waitFor().orElseThrow();
    }

    @Override
    public Optional<Status> iprobe(int source, int tag) {
        return p2p.probe(Kind.IPROBE, source, tag).waitFor();
    }

    @Override
    public Message mprobe(int source, int tag) {
        return p2p.matchedProbe(source, tag, true).waitFor().orElseThrow();
    }

    @Override
    public Optional<Message> improbe(int source, int tag) {
        return p2p.matchedProbe(source, tag, false).waitFor();
    }

    // ---- buffers -----------------------------------------------------------------------------------

    @Override
    public Request<Void> Ibcast(Object buf, int root) {
        return buffers.bcast(buf, root).start();
    }

    @Override
    public Request<Void> Igather(Object sendbuf, Object recvbuf, int root) {
        return buffers.gather(sendbuf, recvbuf, root).start();
    }

    @Override
    public Request<Void> Igatherv(Object sendbuf, Object recvbuf, int[] counts, int[] displs, int root) {
        return buffers.gatherv(sendbuf, recvbuf, counts, displs, root).start();
    }

    @Override
    public Request<Void> Iscatter(Object sendbuf, Object recvbuf, int root) {
        return buffers.scatter(sendbuf, recvbuf, root).start();
    }

    @Override
    public Request<Void> Iscatterv(Object sendbuf, int[] counts, int[] displs, Object recvbuf, int root) {
        return buffers.scatterv(sendbuf, counts, displs, recvbuf, root).start();
    }

    @Override
    public Request<Void> Iallgather(Object sendbuf, Object recvbuf) {
        return buffers.allgather(sendbuf, recvbuf).start();
    }

    @Override
    public Request<Void> Iallgatherv(Object sendbuf, Object recvbuf, int[] counts, int[] displs) {
        return buffers.allgatherv(sendbuf, recvbuf, counts, displs).start();
    }

    @Override
    public Request<Void> Ialltoall(Object sendbuf, Object recvbuf) {
        return buffers.alltoall(sendbuf, recvbuf).start();
    }

    @Override
    public Request<Void> Ialltoallv(Object sendbuf, int[] sendcounts, int[] sdispls, Object recvbuf,
                                    int[] recvcounts, int[] rdispls) {
        return buffers.alltoallv(sendbuf, sendcounts, sdispls, recvbuf, recvcounts, rdispls).start();
    }

    @Override
    public Request<Void> Ireduce(Object sendbuf, Object recvbuf, Op op, int root) {
        return buffers.reduce(sendbuf, recvbuf, op, root).start();
    }

    @Override
    public Request<Void> Iallreduce(Object sendbuf, Object recvbuf, Op op) {
        return buffers.reduceToEvery(Kind.ALLREDUCE, sendbuf, recvbuf, op).start();
    }

    @Override
    public Request<Void> Iscan(Object sendbuf, Object recvbuf, Op op) {
        return buffers.reduceToEvery(Kind.SCAN, sendbuf, recvbuf, op).start();
    }

    @Override
    public Request<Void> Iexscan(Object sendbuf, Object recvbuf, Op op) {
        return buffers.reduceToEvery(Kind.EXSCAN, sendbuf, recvbuf, op).start();
    }

    @Override
    public Request<Void> Ireduce_scatter_block(Object sendbuf, Object recvbuf, Op op) {
        return reduceScatter.iblock(sendbuf, recvbuf, op);
    }

    @Override
    public Request<Void> Ireduce_scatter(Object sendbuf, Object recvbuf, int[] recvcounts, Op op) {
        return reduceScatter.ivector(sendbuf, recvbuf, recvcounts, op);
    }

    @Override
    public Request<Void> Ialltoallw(Object[] sendbufs, Object[] recvbufs) {
        return alltoallw.ialltoallw(sendbufs, recvbufs);
    }

    @Override
    public Request<Void> Isend(Object buf, int dest, int tag) {
        return buffers.send(buf, dest, tag, false).start();
    }

    @Override
    public Request<Void> Issend(Object buf, int dest, int tag) {
        return buffers.send(buf, dest, tag, true).start();
    }

    @Override
    public Request<Status> Irecv(Object buf, int source, int tag) {
        return buffers.recv(buf, source, tag).start();
    }

    @Override
    public Request<Status> Isendrecv(Object sendbuf, int dest, int sendtag, Object recvbuf, int source, int recvtag) {
        return sendRecv.isendrecv(sendbuf, dest, sendtag, recvbuf, source, recvtag);
    }

    @Override
    public Request<Void> Ibsend(Object buf, int dest, int tag) {
        return buffered.bsend(buf, dest, tag).start();
    }

    @Override
    public void Attach_buffer(int bytes) {
        buffered.attach(bytes);
    }

    @Override
    public int Detach_buffer() {
        return buffered.detach();
    }

    // ---- topologies --------------------------------------------------------------------------------

    @Override
    public Cartcomm Create_cart(int[] dims, boolean[] periods, boolean reorder) {
        return Topologies.cart(this, dims, periods);
    }

    @Override
    public Distgraphcomm Create_dist_graph_adjacent(int[] sources, int[] destinations, boolean reorder) {
        return Topologies.distGraph(this, sources, destinations);
    }

    // ---- custom operations -----------------------------------------------------------------------

    @Override
    public <T, R, U> Request<U> submit(OperationRequest<T, R> op, Function<? super R, ? extends U> callback) {
        core.checkLive();
        core.checkIntra("A custom operation");
        CommunicationGroup g = op.group();
        for (int r : g.members()) {
            if (r >= core.size()) {
                throw new MPIException(MPI.ERR_RANK, "rank " + r + " of the group out of range [0, " + core.size() + ")");
            }
        }
        if (!g.contains(core.rank())) {
            return FutureRequest.completed(callback.apply(null), null);
        }
        int[] src = g.src().stream().mapToInt(Integer::intValue).toArray();
        int[] dst = g.dst().stream().mapToInt(Integer::intValue).toArray();
        long n = core.nextGroupSeq(Arrays.toString(src) + "->" + Arrays.toString(dst));
        byte[] ctx = core.serial().toBytes(op.ctx());
        ByteBuf[] parts = g.src().contains(core.rank()) ? CommCore.wrap(ctx, core.serial().toBytes(op.data()))
                : CommCore.wrap(ctx);
        Link link = core.conn();
        int reqId = link.nextId();
        CustomCall call = new CustomCall(reqId, core.id(), n, src, dst, parts);
        FutureRequest<U> r = core.track(new FutureRequest<>(), op.ctx().getClass().getSimpleName(),
                call.payloadBytes());
        link.send(call, reqId, reply -> core.complete(r, reply, x -> callback.apply(objects.<R>first(x))));
        return r;
    }
}
