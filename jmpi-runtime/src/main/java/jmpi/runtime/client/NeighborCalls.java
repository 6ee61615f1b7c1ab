package jmpi.runtime.client;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Request;
import jmpi.runtime.elem.BufferView;
import jmpi.runtime.p2p.Outgoing;
import jmpi.runtime.wire.Parts;

/**
 * The neighbour collectives of a topology: a send to each out-neighbour and a receive from each
 * in-neighbour, nothing else, as point-to-point messages on a communicator of their own (made with
 * the topology, so they never meet the program's messages). They go rank to rank on the data plane,
 * through the coordinator where every message does. Block j goes with tag sendTags[j], block i is
 * received with tag recvTags[i]: a Cartesian grid tells its two neighbours of a dimension apart by
 * tag even when they are one rank; a graph's repeated edges match in order, as MPI's messages do.
 */
final class NeighborCalls {
    private final ClientComm channel;
    private final int[] in;
    private final int[] out;
    private final int[] sendTags;
    private final int[] recvTags;

    NeighborCalls(ClientComm channel, int[] in, int[] out, int[] sendTags, int[] recvTags) {
        this.channel = channel;
        this.in = in;
        this.out = out;
        this.sendTags = sendTags;
        this.recvTags = recvTags;
    }

    /** A Cartesian grid's neighbours: block j goes to neighbour j, which receives it as the block from the other side. */
    static NeighborCalls cart(ClientComm channel, int[] neighbours) {
        int[] tags = new int[neighbours.length];
        int[] opposite = new int[neighbours.length];
        for (int j = 0; j < tags.length; j++) {
            tags[j] = j;
            opposite[j] = j ^ 1;
        }
        return new NeighborCalls(channel, neighbours, neighbours, tags, opposite);
    }

    static NeighborCalls graph(ClientComm channel, int[] sources, int[] destinations) {
        return new NeighborCalls(channel, sources, destinations, new int[destinations.length], new int[sources.length]);
    }

    int[] in() {
        return in.clone();
    }

    int[] out() {
        return out.clone();
    }

    void free() {
        channel.Free();
    }

    <T> Request<List<T>> allgather(T obj) {
        return objects(j -> obj);
    }

    <T> Request<List<T>> alltoall(List<? extends T> objs) {
        if (objs == null || objs.size() != out.length) {
            throw new MPIException(MPI.ERR_COUNT, "neighbor_alltoall needs one item per out-neighbour (" + out.length
                    + "), not " + (objs == null ? "null" : objs.size()));
        }
        return objects(objs::get);
    }

    private <T> Request<List<T>> objects(IntFunction<?> item) {
        CommCore core = channel.core();
        core.checkLive();
        // serialized before any receive is posted: an object that cannot be leaves nothing behind
        ByteBuf[] payloads = new ByteBuf[out.length];
        try {
            for (int j = 0; j < out.length; j++) {
                if (out[j] != MPI.PROC_NULL) {
                    payloads[j] = core.serial().toPart(item.apply(j), core::newPart);
                }
            }
        } catch (RuntimeException e) {
            Parts.release(payloads);
            throw e;
        }
        List<Request<?>> parts = new ArrayList<>();
        List<Request<T>> received = new ArrayList<>();
        for (int i = 0; i < in.length; i++) {
            Request<T> r = in[i] == MPI.PROC_NULL ? null : channel.p2p().irecv(in[i], recvTags[i]);
            received.add(r);
            if (r != null) {
                parts.add(r);
            }
        }
        for (int j = 0; j < out.length; j++) {
            if (out[j] != MPI.PROC_NULL) {
                parts.add(channel.p2p().sendPayload(Outgoing.of(payloads[j]), out[j], sendTags[j], false, 0));
            }
        }
        return new JoinedRequest<>(parts, () -> {
            List<T> got = new ArrayList<>(received.size());
            for (Request<T> r : received) {
                got.add(r == null ? null : r.waitFor());
            }
            return got;
        });
    }

    Starter<Void> allgather(Object sendbuf, Object recvbuf) {
        BufferView send = BufferView.of(sendbuf, "sendbuf");
        BufferView recv = BufferView.of(recvbuf, "recvbuf");
        int[] counts = new int[in.length];
        Arrays.fill(counts, send.count());
        checkRoom(recv, (long) in.length * send.count(), "Neighbor_allgather");
        int[] sendCounts = new int[out.length];
        Arrays.fill(sendCounts, send.count());
        return buffers(send, sendCounts, new int[out.length], recv, counts, offsets(counts), "Neighbor_allgather");
    }

    Starter<Void> allgatherv(Object sendbuf, Object recvbuf, int[] counts, int[] displs) {
        BufferView send = BufferView.of(sendbuf, "sendbuf");
        int[] sendCounts = new int[out.length];
        Arrays.fill(sendCounts, send.count());
        return buffers(send, sendCounts, new int[out.length], BufferView.of(recvbuf, "recvbuf"), counts, displs,
                "Neighbor_allgatherv");
    }

    Starter<Void> alltoall(Object sendbuf, Object recvbuf) {
        BufferView send = BufferView.of(sendbuf, "sendbuf");
        BufferView recv = BufferView.of(recvbuf, "recvbuf");
        int[] sendCounts = equalBlocks(send, out.length, "send");
        int[] recvCounts = equalBlocks(recv, in.length, "receive");
        return buffers(send, sendCounts, offsets(sendCounts), recv, recvCounts, offsets(recvCounts),
                "Neighbor_alltoall");
    }

    Starter<Void> alltoallv(Object sendbuf, int[] sendcounts, int[] sdispls, Object recvbuf, int[] recvcounts,
            int[] rdispls) {
        return buffers(BufferView.of(sendbuf, "sendbuf"), sendcounts, sdispls, BufferView.of(recvbuf, "recvbuf"),
                recvcounts, rdispls, "Neighbor_alltoallv");
    }

    /** Checks every count now; each start posts the receives into their blocks and sends each block. */
    private Starter<Void> buffers(BufferView send, int[] sendCounts, int[] sdispls, BufferView recv, int[] recvCounts,
            int[] rdispls, String what) {
        channel.core().checkLive();
        BufferCalls.checkSameType(send, recv);
        BufferCalls.checkCounts(sendCounts, sdispls, out.length, send, what + " (send, per out-neighbour)");
        BufferCalls.checkCounts(recvCounts, rdispls, in.length, recv, what + " (receive, per in-neighbour)");
        BufferSink[] into = new BufferSink[in.length];
        for (int i = 0; i < in.length; i++) {
            into[i] = new BufferSink(recv, rdispls[i], recvCounts[i]);
        }
        CommCore core = channel.core();
        return () -> exchange(into, j -> Outgoing.of(send.readBuf(sdispls[j], sendCounts[j], core::newPart)),
                j -> send.type().code());
    }

    /** One whole buffer per neighbour, each of its own element type and length. */
    Starter<Void> alltoallw(Object[] sendbufs, Object[] recvbufs) {
        channel.core().checkLive();
        BufferView[] send = views(sendbufs, out.length, "sendbufs", "out");
        BufferView[] recv = views(recvbufs, in.length, "recvbufs", "in");
        BufferSink[] into = new BufferSink[in.length];
        for (int i = 0; i < in.length; i++) {
            into[i] = new BufferSink(recv[i]);
        }
        CommCore core = channel.core();
        return () -> exchange(into, j -> Outgoing.of(send[j], core::newPart), j -> send[j].type().code());
    }

    /**
     * Posts a receive per in-neighbour, then sends block j (read from the send buffer only now, at each
     * start of a persistent request) to out-neighbour j.
     */
    private Request<Void> exchange(BufferSink[] into, IntFunction<Outgoing> block, IntUnaryOperator typeCode) {
        List<Request<?>> parts = new ArrayList<>();
        for (int i = 0; i < in.length; i++) {
            if (in[i] != MPI.PROC_NULL) {
                parts.add(channel.buffers().receive(into[i], in[i], recvTags[i]));
            }
        }
        for (int j = 0; j < out.length; j++) {
            if (out[j] != MPI.PROC_NULL) {
                parts.add(channel.p2p().sendPayload(block.apply(j), out[j], sendTags[j], false,
                        typeCode.applyAsInt(j)));
            }
        }
        return new JoinedRequest<>(parts, () -> null);
    }

    private static BufferView[] views(Object[] bufs, int n, String what, String side) {
        if (bufs == null || bufs.length != n) {
            throw new MPIException(MPI.ERR_COUNT, "Neighbor_alltoallw needs " + n + " " + what + ", one per " + side
                    + "-neighbour, not " + (bufs == null ? "null" : bufs.length));
        }
        BufferView[] views = new BufferView[n];
        for (int i = 0; i < n; i++) {
            views[i] = BufferView.of(bufs[i], what + "[" + i + "]");
        }
        return views;
    }

    private static int[] equalBlocks(BufferView buf, int n, String side) {
        if (n == 0) {
            return new int[0];
        }
        if (buf.count() % n != 0) {
            throw new MPIException(MPI.ERR_COUNT, "Neighbor_alltoall: a " + side + " buffer of " + buf.count()
                    + " elements does not split into " + n + " equal blocks, one per neighbour");
        }
        int[] counts = new int[n];
        Arrays.fill(counts, buf.count() / n);
        return counts;
    }

    private static void checkRoom(BufferView recv, long needed, String what) {
        if (recv.count() < needed) {
            throw new MPIException(MPI.ERR_COUNT, what + " needs a receive buffer of " + needed
                    + " elements (a block per in-neighbour), not " + recv.count());
        }
    }

    /** Blocks laid end to end. */
    private static int[] offsets(int[] counts) {
        int[] displs = new int[counts.length];
        for (int i = 1; i < counts.length; i++) {
            displs[i] = displs[i - 1] + counts[i - 1];
        }
        return displs;
    }
}
