package jmpi.runtime.client;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Op;
import jmpi.Request;
import jmpi.runtime.coll.Ops;
import jmpi.runtime.coll.ReduceScatterCounts;
import jmpi.runtime.elem.BufferView;
import jmpi.runtime.wire.Kind;

/**
 * Reduce_scatter and Reduce_scatter_block on buffers: check the buffers and the counts, send this
 * rank's elements and the counts, and put this rank's block of the result at the start of the
 * receive buffer. The block form is the general one with size equal counts.
 */
final class ReduceScatterCalls {
    private final CommCore comm;

    ReduceScatterCalls(CommCore comm) {
        this.comm = comm;
    }

    /** Each rank gets recvbuf's length of elements; sendbuf holds size times as many (IN_PLACE: recvbuf does). */
    Request<Void> iblock(Object sendbuf, Object recvbuf, Op op) {
        BufferView recv = BufferView.of(recvbuf, "recvbuf");
        int n = comm.size();
        int count;
        if (sendbuf == MPI.IN_PLACE) {
            if (recv.count() % n != 0) {
                throw new MPIException(MPI.ERR_COUNT, "Reduce_scatter_block in place of " + recv.count()
                        + " elements among " + n + " ranks: the receive buffer must hold size × count elements");
            }
            count = recv.count() / n;
        } else {
            BufferView send = BufferView.of(sendbuf, "sendbuf");
            count = recv.count();
            if ((long) send.count() != (long) count * n) {
                throw new MPIException(MPI.ERR_COUNT, "Reduce_scatter_block of " + send.count() + " elements into "
                        + count + " per rank among " + n + " ranks: the send buffer must hold size × "
                        + count + " = " + (long) count * n + " elements");
            }
        }
        int[] counts = new int[n];
        Arrays.fill(counts, count);
        return start(sendbuf, recv, counts, op, "Reduce_scatter_block");
    }

    /** Rank i gets recvcounts[i] elements of the result; sendbuf (IN_PLACE: recvbuf) holds their sum. */
    Request<Void> ivector(Object sendbuf, Object recvbuf, int[] recvcounts, Op op) {
        BufferView recv = BufferView.of(recvbuf, "recvbuf");
        int n = comm.size();
        if (recvcounts == null || recvcounts.length != n) {
            throw new MPIException(MPI.ERR_COUNT, "Reduce_scatter needs " + n + " receive counts, one per rank, not "
                    + (recvcounts == null ? "null" : recvcounts.length));
        }
        long sum = 0;
        for (int i = 0; i < n; i++) {
            if (recvcounts[i] < 0) {
                throw new MPIException(MPI.ERR_COUNT, "Reduce_scatter: count " + recvcounts[i] + " for rank " + i
                        + " is negative");
            }
            sum += recvcounts[i];
        }
        BufferView input = sendbuf == MPI.IN_PLACE ? recv : BufferView.of(sendbuf, "sendbuf");
        if (sendbuf == MPI.IN_PLACE ? input.count() < sum : input.count() != sum) {
            throw new MPIException(sendbuf == MPI.IN_PLACE ? MPI.ERR_BUFFER : MPI.ERR_COUNT,
                    "Reduce_scatter: the counts add up to " + sum + " elements but the "
                    + (sendbuf == MPI.IN_PLACE ? "receive buffer (in place) holds " : "send buffer holds ")
                    + input.count());
        }
        return start(sendbuf, recv, recvcounts.clone(), op, "Reduce_scatter");
    }

    private Request<Void> start(Object sendbuf, BufferView recv, int[] counts, Op op, String what) {
        Checks.op(op);
        int n = comm.size();
        int mine = counts[comm.rank()];
        if (recv.count() < mine) {
            throw new MPIException(MPI.ERR_BUFFER, what + ": the receive buffer of " + recv.count()
                    + " elements is smaller than this rank's count " + mine);
        }
        BufferView send = sendbuf == MPI.IN_PLACE ? recv : BufferView.of(sendbuf, "sendbuf");
        BufferCalls.checkSameType(send, recv);
        long total = ReduceScatterCounts.sumOf(counts);
        if (op == Op.MINLOC || op == Op.MAXLOC) {
            for (int i = 0; i < n; i++) {
                if (counts[i] % 2 != 0) {
                    throw new MPIException(MPI.ERR_COUNT, what + " with " + op + " reads (value, index) pairs: count "
                            + counts[i] + " for rank " + i + " is not a whole number of pairs");
                }
            }
        }
        ByteBuf[] parts = {send.readBuf(0, (int) total, comm::newPart), ReduceScatterCounts.encode(counts)};
        // every rank has every count: the whole buffer's bytes are the same number everywhere
        long bytes = total * send.type().size();
        return comm.collective(Kind.REDUCE_SCATTER, 0, Ops.code(op), send.type().code(), bytes, parts, r -> {
            BufferCalls.place(recv, r.parts()[0], 0, mine, comm.rank());
            return null;
        });
    }
}
