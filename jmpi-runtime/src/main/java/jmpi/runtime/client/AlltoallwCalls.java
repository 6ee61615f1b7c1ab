package jmpi.runtime.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Request;
import jmpi.runtime.elem.BufferView;
import jmpi.runtime.elem.ElementType;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Parts;

/**
 * Alltoallw on buffers: one send buffer and one receive buffer per peer, each of its own element
 * type and length (MPI's per-peer datatypes in Java terms). Each buffer goes as a pair of parts, its
 * element type's code and its elements, so the receiver can check the type it expected.
 */
final class AlltoallwCalls {
    private final CommCore comm;

    AlltoallwCalls(CommCore comm) {
        this.comm = comm;
    }

    /** sendbufs[j] goes to rank j; recvbufs[i] receives what rank i sent to this rank. */
    Request<Void> ialltoallw(Object[] sendbufs, Object[] recvbufs) {
        int n = comm.size();
        perRank(sendbufs, n, "sendbufs");
        perRank(recvbufs, n, "recvbufs");
        BufferView[] recv = new BufferView[n];
        BufferView[] send = new BufferView[n];
        for (int i = 0; i < n; i++) {
            recv[i] = BufferView.of(recvbufs[i], "recvbufs[" + i + "]");
            send[i] = BufferView.of(sendbufs[i], "sendbufs[" + i + "]");
        }
        ByteBuf[] parts = new ByteBuf[2 * n];
        try {
            for (int j = 0; j < n; j++) {
                parts[2 * j] = Unpooled.buffer(1).writeByte(send[j].type().code());
                parts[2 * j + 1] = send[j].readBuf(0, send[j].count(), comm::newPart);
            }
        } catch (RuntimeException e) {
            Parts.release(parts);
            throw e;
        }
        return comm.collective(Kind.ALLTOALLW, 0, 0, 0, 0, parts, r -> {
            for (int i = 0; i < n; i++) {
                int code = r.parts()[2 * i].getByte(r.parts()[2 * i].readerIndex());
                if (code != recv[i].type().code()) {
                    throw new MPIException(MPI.ERR_TYPE, "Alltoallw: rank " + i + " sent "
                            + ElementType.ofCode(code).typeName() + " elements to a receive buffer of "
                            + recv[i].type().typeName());
                }
            }
            for (int i = 0; i < n; i++) {
                BufferCalls.place(recv[i], r.parts()[2 * i + 1], 0, recv[i].count(), i);
            }
            return null;
        });
    }

    private static void perRank(Object[] bufs, int n, String what) {
        if (bufs == null || bufs.length != n) {
            throw new MPIException(MPI.ERR_COUNT, "Alltoallw needs " + n + " " + what + ", one per rank, not "
                    + (bufs == null ? "null" : bufs.length));
        }
    }
}
