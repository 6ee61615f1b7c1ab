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

    private static void checkCounts(int[] counts, int[] displs, int n, BufferView buf, String what) {
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

    /** bytes: what each rank contributes, as every rank knows it from the counts (0 where they differ). */
    private Request<Void> call(Kind kind, int root, int op, int elemType, long bytes, ByteBuf[] parts,
            ReplyHandler h) {
        return comm.collective(kind, root, op, elemType, bytes, parts, r -> {
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

    Request<Void> ibcast(Object buf, int root) {
        Checks.root(root, comm.size());
        BufferView v = BufferView.of(buf, "buffer");
        ByteBuf[] parts = rank() == root ? new ByteBuf[] {v.readBuf(0, v.count(), comm::newPart)} : Parts.NONE;
        // every rank's buffer holds the count, the root's included, so all choose by the same bytes
        return call(Kind.BCAST, root, 0, v.type().code(), bytes(v, v.count()), parts, r -> {
            if (rank() != root) {
                place(v, r.parts()[0], 0, v.count(), root);
            }
        });
    }

    /** Gather is Gatherv with equal counts: the root's receive buffer holds size equal chunks. */
    Request<Void> igather(Object sendbuf, Object recvbuf, int root) {
        Checks.root(root, comm.size());
        int[][] cd = rank() == root ? uniform(BufferView.of(recvbuf, "recvbuf").count() / size()) : new int[2][];
        return igatherv(sendbuf, recvbuf, cd[0], cd[1], root);
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

    Request<Void> igatherv(Object sendbuf, Object recvbuf, int[] counts, int[] displs, int root) {
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
        ByteBuf mine = inPlace ? recv.readBuf(displs[root], counts[root], comm::newPart) : send.readBuf(0, send.count(), comm::newPart);
        BufferView into = recv;
        return call(Kind.GATHER, root, 0, send.type().code(), 0, new ByteBuf[] {mine}, r -> {
            if (rank() == root) {
                for (int i = 0; i < size(); i++) {
                    place(into, r.parts()[i], displs[i], counts[i], i);
                }
            }
        });
    }

    /** Scatter is Scatterv with equal counts: the root's send buffer holds size equal chunks. */
    Request<Void> iscatter(Object sendbuf, Object recvbuf, int root) {
        Checks.root(root, comm.size());
        int[][] cd = rank() == root ? uniform(evenChunk(BufferView.of(sendbuf, "sendbuf"), "Scatter"))
                : new int[2][];
        return iscatterv(sendbuf, cd[0], cd[1], recvbuf, root);
    }

    Request<Void> iscatterv(Object sendbuf, int[] counts, int[] displs, Object recvbuf, int root) {
        Checks.root(root, comm.size());
        boolean inPlace = recvbuf == MPI.IN_PLACE && rank() == root;
        BufferView recv = inPlace ? null : BufferView.of(recvbuf, "recvbuf");
        ByteBuf[] parts = Parts.NONE;
        int elemType = recv == null ? 0 : recv.type().code();
        if (rank() == root) {
            BufferView send = BufferView.of(sendbuf, "sendbuf");
            checkCounts(counts, displs, size(), send, "Scatterv");
            if (recv != null) {
                checkSameType(send, recv);
            }
            parts = new ByteBuf[size()];
            for (int i = 0; i < size(); i++) {
                parts[i] = send.readBuf(displs[i], counts[i], comm::newPart);
            }
            elemType = send.type().code();
        }
        return call(Kind.SCATTER, root, 0, elemType, 0, parts, r -> {
            if (recv != null) {
                place(recv, r.parts()[0], 0, recv.count(), root);
            }
        });
    }

    /** Allgather is Allgatherv with equal counts. */
    Request<Void> iallgather(Object sendbuf, Object recvbuf) {
        int[][] cd = uniform(BufferView.of(recvbuf, "recvbuf").count() / size());
        return iallgatherv(sendbuf, recvbuf, cd[0], cd[1]);
    }

    Request<Void> iallgatherv(Object sendbuf, Object recvbuf, int[] counts, int[] displs) {
        BufferView recv = BufferView.of(recvbuf, "recvbuf");
        checkCounts(counts, displs, size(), recv, "Allgatherv");
        ByteBuf mine;
        if (sendbuf == MPI.IN_PLACE) {
            mine = recv.readBuf(displs[rank()], counts[rank()], comm::newPart);
        } else {
            BufferView send = BufferView.of(sendbuf, "sendbuf");
            checkSameType(send, recv);
            mine = send.readBuf(0, send.count(), comm::newPart);
        }
        // every rank has every count: the largest part is the same number everywhere
        long largest = bytes(recv, Arrays.stream(counts).max().orElse(0));
        return call(Kind.ALLGATHER, 0, 0, recv.type().code(), largest, new ByteBuf[] {mine}, r -> {
            for (int i = 0; i < size(); i++) {
                place(recv, r.parts()[i], displs[i], counts[i], i);
            }
        });
    }

    /** Alltoall is Alltoallv with equal counts on each side. */
    Request<Void> ialltoall(Object sendbuf, Object recvbuf) {
        BufferView recv = BufferView.of(recvbuf, "recvbuf");
        BufferView send = sendbuf == MPI.IN_PLACE ? recv : BufferView.of(sendbuf, "sendbuf");
        checkSameType(send, recv);
        int[][] out = uniform(evenChunk(send, "Alltoall"));
        int[][] in = uniform(recv.count() / size());
        return ialltoallv(sendbuf, out[0], out[1], recvbuf, in[0], in[1]);
    }

    Request<Void> ialltoallv(Object sendbuf, int[] sendcounts, int[] sdispls, Object recvbuf, int[] recvcounts,
                             int[] rdispls) {
        BufferView recv = BufferView.of(recvbuf, "recvbuf");
        BufferView send = sendbuf == MPI.IN_PLACE ? recv : BufferView.of(sendbuf, "sendbuf");
        checkSameType(send, recv);
        int[] sc = sendbuf == MPI.IN_PLACE ? recvcounts : sendcounts;
        int[] sd = sendbuf == MPI.IN_PLACE ? rdispls : sdispls;
        checkCounts(sc, sd, size(), send, "Alltoallv send");
        checkCounts(recvcounts, rdispls, size(), recv, "Alltoallv receive");
        ByteBuf[] parts = new ByteBuf[size()];
        for (int j = 0; j < size(); j++) {
            parts[j] = send.readBuf(sd[j], sc[j], comm::newPart);
        }
        return call(Kind.ALLTOALL, 0, 0, recv.type().code(), 0, parts, r -> {
            for (int i = 0; i < size(); i++) {
                place(recv, r.parts()[i], rdispls[i], recvcounts[i], i);
            }
        });
    }

    Request<Void> ireduce(Object sendbuf, Object recvbuf, Op op, int root) {
        Checks.root(root, comm.size());
        Checks.op(op);
        BufferView recv = rank() == root ? BufferView.of(recvbuf, "recvbuf") : null;
        BufferView send = sendbuf == MPI.IN_PLACE && recv != null ? recv : BufferView.of(sendbuf, "sendbuf");
        if (recv != null) {
            checkSameType(send, recv);
            if (recv.count() < send.count()) {
                throw new MPIException(MPI.ERR_TRUNCATE, "a result of " + send.count() + " elements does not fit in "
                        + recv.count());
            }
        }
        return call(Kind.REDUCE, root, Ops.code(op), send.type().code(), bytes(send, send.count()),
                new ByteBuf[] {send.readBuf(0, send.count(), comm::newPart)}, r -> {
            if (recv != null) {
                place(recv, r.parts()[0], 0, recv.count(), root);
            }
        });
    }

    Request<Void> iallreduce(Object sendbuf, Object recvbuf, Op op) {
        return reduceToEvery(Kind.ALLREDUCE, sendbuf, recvbuf, op);
    }

    /** Scan or exscan into recvbuf; an exscan leaves rank 0's receive buffer as it is. */
    Request<Void> iscan(Kind kind, Object sendbuf, Object recvbuf, Op op) {
        return reduceToEvery(kind, sendbuf, recvbuf, op);
    }

    /** A reduction whose result, if any, lands in every rank's receive buffer (IN_PLACE: it is also the input). */
    private Request<Void> reduceToEvery(Kind kind, Object sendbuf, Object recvbuf, Op op) {
        Checks.op(op);
        BufferView recv = BufferView.of(recvbuf, "recvbuf");
        BufferView send = sendbuf == MPI.IN_PLACE ? recv : BufferView.of(sendbuf, "sendbuf");
        checkSameType(send, recv);
        if (recv.count() < send.count()) {
            throw new MPIException(MPI.ERR_TRUNCATE, "a result of " + send.count() + " elements does not fit in "
                    + recv.count());
        }
        return call(kind, 0, Ops.code(op), send.type().code(), bytes(send, send.count()),
                new ByteBuf[] {send.readBuf(0, send.count(), comm::newPart)}, r -> {
                    if (r.parts().length > 0) {
                        place(recv, r.parts()[0], 0, recv.count(), MPI.UNDEFINED);
                    }
                });
    }

    // ---- point-to-point -----------------------------------------------------------------------

    Request<Void> isend(Object buf, int dest, int tag, boolean sync) {
        p2p.checkSend(dest, tag);
        BufferView v = BufferView.of(buf, "buffer");
        return p2p.sendPayload(Outgoing.of(v, comm::newPart), dest, tag, sync, v.type().code());
    }

    Request<Status> irecv(Object buf, int source, int tag) {
        BufferSink sink = new BufferSink(BufferView.of(buf, "buffer"));
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
            return new Status(r.source(), r.tag(), r.count(), false);
        });
    }
}
