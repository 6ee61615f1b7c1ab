package jmpi.runtime.client;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Op;
import jmpi.Request;
import jmpi.Status;
import jmpi.runtime.coll.Ops;
import jmpi.runtime.elem.BufferView;
import jmpi.runtime.p2p.Outgoing;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Parts;
import jmpi.runtime.wire.Reply;

/**
 * The buffer operations of a {@link ClientComm}: check the buffers, cut them into raw parts, and put
 * the parts of the reply in place. The coordinator moves the bytes without deserializing them.
 */
final class BufferCalls {
    private final CommCore comm;
    private final PointToPointCalls p2p;

    BufferCalls(CommCore comm, PointToPointCalls p2p) {
        this.comm = comm;
        this.p2p = p2p;
    }

    private int size() {
        return comm.size();
    }

    private int rank() {
        return comm.rank();
    }

    static void checkSameType(BufferView a, BufferView b) {
        if (a.type() != b.type()) {
            throw new MPIException(MPI.ERR_TYPE, "send buffer of " + a.type().typeName()
                    + " and receive buffer of " + b.type().typeName());
        }
    }

    /** Writes a received part at element off, failing with ERR_TRUNCATE if it does not fit in room elements. */
    static void place(BufferView into, ByteBuf part, int off, int room, int from) {
        int n = part.readableBytes() / into.type().size();
        if (n > room) {
            throw new MPIException(MPI.ERR_TRUNCATE, "message of " + n + " elements from rank " + from
                    + " does not fit in " + room);
        }
        into.write(part, off);
    }

    static void checkCounts(int[] counts, int[] displs, int n, BufferView buf, String what) {
        if (counts == null || displs == null || counts.length != n || displs.length != n) {
            throw new MPIException(MPI.ERR_COUNT, what + " needs " + n + " counts and " + n + " displacements");
        }
        for (int i = 0; i < n; i++) {
            if (counts[i] < 0 || displs[i] < 0 || (long) displs[i] + counts[i] > buf.count()) {
                throw new MPIException(MPI.ERR_COUNT, what + ": count " + counts[i] + " at displacement " + displs[i]
                        + " for rank " + i + " is outside a buffer of " + buf.count());
            }
        }
    }

    /**
     * Chooses the collective's algorithm; the launch then takes the parts read at each start. bytes:
     * what each rank contributes, as every rank knows it from the counts (0 where they differ).
     */
    private CommCore.Launch<Void> prepare(Kind kind, int root, int op, int elemType, long bytes, ReplyHandler h) {
        return comm.prepare(kind, root, op, elemType, bytes, r -> {
            h.handle(r);
            return null;
        });
    }

    private static long bytes(BufferView v, int count) {
        return (long) count * v.type().size();
    }

    private interface ReplyHandler {
        void handle(Reply r);
    }

    // ---- collectives --------------------------------------------------------------------------

    Starter<Void> bcast(Object buf, int root) {
        Checks.root(root, comm.size());
        BufferView v = BufferView.of(buf, "buffer");
        if (StreamedBcasts.applies(comm, bytes(v, v.count()))) {
            // straight from and into the user's buffer at each start
            return () -> StreamedBcasts.ofBuffer(comm, v, root);
        }
        // every rank's buffer holds the count, the root's included, so all choose by the same bytes
        CommCore.Launch<Void> launch = prepare(Kind.BCAST, root, 0, v.type().code(), bytes(v, v.count()), r -> {
            if (rank() != root) {
                place(v, r.parts()[0], 0, v.count(), root);
            }
        });
        return () -> launch.start(rank() == root ? new ByteBuf[] {v.readBuf(0, v.count(), comm::newPart)} : Parts.NONE);
    }

    /** Gather is Gatherv with equal counts: the root's receive buffer holds size equal chunks. */
    Starter<Void> gather(Object sendbuf, Object recvbuf, int root) {
        Checks.root(root, comm.size());
        int[][] cd = rank() == root ? uniform(BufferView.of(recvbuf, "recvbuf").count() / size()) : new int[2][];
        return gatherv(sendbuf, recvbuf, cd[0], cd[1], root);
    }

    /** Counts and displacements of size equal chunks. */
    private int[][] uniform(int chunk) {
        int[] counts = new int[size()];
        int[] displs = new int[size()];
        for (int i = 0; i < size(); i++) {
            counts[i] = chunk;
            displs[i] = i * chunk;
        }
        return new int[][] {counts, displs};
    }

    private int evenChunk(BufferView send, String what) {
        if (send.count() % size() != 0) {
            throw new MPIException(MPI.ERR_COUNT, what + " of " + send.count() + " elements among " + size()
                    + " ranks: the send buffer must hold size × count elements");
        }
        return send.count() / size();
    }

    Starter<Void> gatherv(Object sendbuf, Object recvbuf, int[] counts, int[] displs, int root) {
        Checks.root(root, comm.size());
        BufferView recv = null;
        if (rank() == root) {
            recv = BufferView.of(recvbuf, "recvbuf");
            checkCounts(counts, displs, size(), recv, "Gatherv");
        }
        boolean inPlace = sendbuf == MPI.IN_PLACE && rank() == root;
        BufferView send = inPlace ? recv : BufferView.of(sendbuf, "sendbuf");
        if (recv != null) {
            checkSameType(send, recv);
        }
        BufferView into = recv;
        CommCore.Launch<Void> launch = prepare(Kind.GATHER, root, 0, send.type().code(), 0, r -> {
            if (rank() == root) {
                for (int i = 0; i < size(); i++) {
                    place(into, r.parts()[i], displs[i], counts[i], i);
                }
            }
        });
        return () -> launch.start(new ByteBuf[] {inPlace ? into.readBuf(displs[root], counts[root], comm::newPart)
                : send.readBuf(0, send.count(), comm::newPart)});
    }

    /** Scatter is Scatterv with equal counts: the root's send buffer holds size equal chunks. */
    Starter<Void> scatter(Object sendbuf, Object recvbuf, int root) {
        Checks.root(root, comm.size());
        int[][] cd = rank() == root ? uniform(evenChunk(BufferView.of(sendbuf, "sendbuf"), "Scatter"))
                : new int[2][];
        return scatterv(sendbuf, cd[0], cd[1], recvbuf, root);
    }

    Starter<Void> scatterv(Object sendbuf, int[] counts, int[] displs, Object recvbuf, int root) {
        Checks.root(root, comm.size());
        boolean inPlace = recvbuf == MPI.IN_PLACE && rank() == root;
        BufferView recv = inPlace ? null : BufferView.of(recvbuf, "recvbuf");
        BufferView send = null;
        int elemType = recv == null ? 0 : recv.type().code();
        if (rank() == root) {
            send = BufferView.of(sendbuf, "sendbuf");
            checkCounts(counts, displs, size(), send, "Scatterv");
            if (recv != null) {
                checkSameType(send, recv);
            }
            elemType = send.type().code();
        }
        CommCore.Launch<Void> launch = prepare(Kind.SCATTER, root, 0, elemType, 0, r -> {
            if (recv != null) {
                place(recv, r.parts()[0], 0, recv.count(), root);
            }
        });
        BufferView from = send;
        return () -> {
            ByteBuf[] parts = Parts.NONE;
            if (from != null) {
                parts = new ByteBuf[size()];
                for (int i = 0; i < size(); i++) {
                    parts[i] = from.readBuf(displs[i], counts[i], comm::newPart);
                }
            }
            return launch.start(parts);
        };
    }

    /** Allgather is Allgatherv with equal counts. */
    Starter<Void> allgather(Object sendbuf, Object recvbuf) {
        int[][] cd = uniform(BufferView.of(recvbuf, "recvbuf").count() / size());
        return allgatherv(sendbuf, recvbuf, cd[0], cd[1]);
    }

    Starter<Void> allgatherv(Object sendbuf, Object recvbuf, int[] counts, int[] displs) {
        BufferView recv = BufferView.of(recvbuf, "recvbuf");
        checkCounts(counts, displs, size(), recv, "Allgatherv");
        BufferView send = sendbuf == MPI.IN_PLACE ? null : BufferView.of(sendbuf, "sendbuf");
        if (send != null) {
            checkSameType(send, recv);
        }
        // every rank has every count: the largest part is the same number everywhere
        long largest = bytes(recv, Arrays.stream(counts).max().orElse(0));
        CommCore.Launch<Void> launch = prepare(Kind.ALLGATHER, 0, 0, recv.type().code(), largest, r -> {
            for (int i = 0; i < size(); i++) {
                place(recv, r.parts()[i], displs[i], counts[i], i);
            }
        });
        return () -> launch.start(new ByteBuf[] {send == null
                ? recv.readBuf(displs[rank()], counts[rank()], comm::newPart)
                : send.readBuf(0, send.count(), comm::newPart)});
    }

    /** Alltoall is Alltoallv with equal counts on each side. */
    Starter<Void> alltoall(Object sendbuf, Object recvbuf) {
        BufferView recv = BufferView.of(recvbuf, "recvbuf");
        BufferView send = sendbuf == MPI.IN_PLACE ? recv : BufferView.of(sendbuf, "sendbuf");
        checkSameType(send, recv);
        int block = evenChunk(send, "Alltoall");
        int recvBlock = recv.count() / size();
        if (sendbuf != MPI.IN_PLACE && StreamedAlltoalls.applies(comm, bytes(send, send.count()))) {
            // straight from and into the user's buffers at each start
            return () -> StreamedAlltoalls.start(comm, send, block, recv, recvBlock);
        }
        int[][] out = uniform(block);
        int[][] in = uniform(recvBlock);
        return alltoallv(sendbuf, out[0], out[1], recvbuf, in[0], in[1]);
    }

    Starter<Void> alltoallv(Object sendbuf, int[] sendcounts, int[] sdispls, Object recvbuf, int[] recvcounts,
                            int[] rdispls) {
        BufferView recv = BufferView.of(recvbuf, "recvbuf");
        BufferView send = sendbuf == MPI.IN_PLACE ? recv : BufferView.of(sendbuf, "sendbuf");
        checkSameType(send, recv);
        int[] sc = sendbuf == MPI.IN_PLACE ? recvcounts : sendcounts;
        int[] sd = sendbuf == MPI.IN_PLACE ? rdispls : sdispls;
        checkCounts(sc, sd, size(), send, "Alltoallv send");
        checkCounts(recvcounts, rdispls, size(), recv, "Alltoallv receive");
        CommCore.Launch<Void> launch = prepare(Kind.ALLTOALL, 0, 0, recv.type().code(), 0, r -> {
            for (int i = 0; i < size(); i++) {
                place(recv, r.parts()[i], rdispls[i], recvcounts[i], i);
            }
        });
        return () -> {
            ByteBuf[] parts = new ByteBuf[size()];
            for (int j = 0; j < size(); j++) {
                parts[j] = send.readBuf(sd[j], sc[j], comm::newPart);
            }
            return launch.start(parts);
        };
    }

    Starter<Void> reduce(Object sendbuf, Object recvbuf, Op op, int root) {
        Checks.root(root, comm.size());
        Checks.op(op);
        BufferView recv = rank() == root ? BufferView.of(recvbuf, "recvbuf") : null;
        BufferView send = sendbuf == MPI.IN_PLACE && recv != null ? recv : BufferView.of(sendbuf, "sendbuf");
        if (recv != null) {
            checkSameType(send, recv);
            checkRoom(send, recv);
        }
        CommCore.Launch<Void> launch = prepare(Kind.REDUCE, root, Ops.code(op), send.type().code(),
                bytes(send, send.count()), r -> {
            if (recv != null) {
                place(recv, r.parts()[0], 0, recv.count(), root);
            }
        });
        return () -> launch.start(new ByteBuf[] {send.readBuf(0, send.count(), comm::newPart)});
    }

    private static void checkRoom(BufferView send, BufferView recv) {
        if (recv.count() < send.count()) {
            throw new MPIException(MPI.ERR_TRUNCATE, "a result of " + send.count() + " elements does not fit in "
                    + recv.count());
        }
    }

    /**
     * An allreduce, scan or exscan into recvbuf: a reduction whose result, if any, lands in every rank's
     * receive buffer (IN_PLACE: it is also the input); an exscan leaves rank 0's receive buffer as it is.
     */
    Starter<Void> reduceToEvery(Kind kind, Object sendbuf, Object recvbuf, Op op) {
        Checks.op(op);
        BufferView recv = BufferView.of(recvbuf, "recvbuf");
        BufferView send = sendbuf == MPI.IN_PLACE ? recv : BufferView.of(sendbuf, "sendbuf");
        checkSameType(send, recv);
        checkRoom(send, recv);
        CommCore.Launch<Void> launch = prepare(kind, 0, Ops.code(op), send.type().code(), bytes(send, send.count()),
                r -> {
                    if (r.parts().length > 0) {
                        place(recv, r.parts()[0], 0, recv.count(), MPI.UNDEFINED);
                    }
                });
        return () -> launch.start(new ByteBuf[] {send.readBuf(0, send.count(), comm::newPart)});
    }

    // ---- point-to-point -----------------------------------------------------------------------

    Starter<Void> send(Object buf, int dest, int tag, boolean sync) {
        p2p.checkSend(dest, tag);
        BufferView v = BufferView.of(buf, "buffer");
        return () -> p2p.sendPayload(Outgoing.of(v, comm::newPart), dest, tag, sync, v.type().code());
    }

    Starter<Status> recv(Object buf, int source, int tag) {
        p2p.checkRecv(source, tag);
        BufferView v = BufferView.of(buf, "buffer");
        return () -> receive(new BufferSink(v), source, tag);
    }

    Request<Status> receive(BufferSink sink, int source, int tag) {
        return p2p.receive(source, tag, sink, r -> {
            if (r.status() == Reply.CANCELLED) {
                return new Status(r.source(), r.tag(), 0, true);
            }
            if (r.source() == MPI.PROC_NULL) {
                return new Status(MPI.PROC_NULL, MPI.ANY_TAG, 0, false);
            }
            if (r.parts().length > 0) {
                sink.check(r.source(), r.tag(), r.elemType(), r.parts()[0].readableBytes());
                sink.write(0, r.parts()[0]);
            } else {
                // an empty message, or a large one already written in place
                sink.check(r.source(), r.tag(), r.elemType(), 0);
            }
            return new Status(r.source(), r.tag(), r.count(), false, MPI.SUCCESS);
        });
    }
}
