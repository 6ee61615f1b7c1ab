package jmpi.tests.inter;

import static jmpi.tests.Check.fails;
import static jmpi.tests.Check.same;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import jmpi.Intercomm;
import jmpi.MPI;
import jmpi.Message;
import jmpi.Op;
import jmpi.Request;
import jmpi.Status;
import jmpi.tests.Messages;
import jmpi.tests.RankSuite;
import jmpi.tests.RankTest;

/**
 * Messages across an intercommunicator's two groups, as mpi4py's intercommunicator collective tests:
 * point-to-point naming the remote group's ranks, and barrier, bcast (MPI.ROOT, PROC_NULL),
 * allgather and allreduce, each group getting the other group's part.
 */
public class IntercommMessageSuite extends RankSuite {
    @RankTest
    public void testPointToPoint() {
        if (comm().size() < 2) {
            return;
        }
        try (Halves h = new Halves(comm())) {
            Intercomm i = h.inter;
            List<Request<Void>> sends = new ArrayList<>();
            for (int to = 0; to < i.remoteSize(); to++) {
                sends.add(i.isend(List.of(h.color, i.rank(), to), to, 3));
            }
            for (int from = 0; from < i.remoteSize(); from++) {
                Status st = i.probe(from, 3);
                assertEquals(from, st.source());
                assertEquals(List.of(1 - h.color, from, i.rank()), i.recv(from, 3));
            }
            sends.forEach(Request::waitFor);
            // a matched probe's message names the remote rank too
            for (int to = 0; to < i.remoteSize(); to++) {
                i.send(-i.rank(), to, 5);
            }
            for (int from = 0; from < i.remoteSize(); from++) {
                Message m = i.mprobe(from, 5);
                assertEquals(from, m.status().source());
                assertEquals(-from, (int) m.<Integer>recv());
            }
            // from any source: the status names the remote rank
            for (int to = 0; to < i.remoteSize(); to++) {
                i.send(i.rank(), to, 4);
            }
            for (int n = 0; n < i.remoteSize(); n++) {
                Request<Integer> r = i.irecv(MPI.ANY_SOURCE, 4);
                int got = r.waitFor();
                assertEquals(got, r.status().source());
            }
            i.barrier();
        }
    }

    @RankTest
    public void testPointToPointBuffers() {
        if (comm().size() < 2) {
            return;
        }
        try (Halves h = new Halves(comm())) {
            Intercomm i = h.inter;
            int peer = i.rank() % i.remoteSize();
            // each remote rank that picks this one as its peer sends to it
            int senders = (int) IntStream.range(0, i.remoteSize()).filter(r -> r % i.size() == i.rank()).count();
            Request<Void> sent = i.Isend(new double[] {h.color, i.rank()}, peer, 1);
            for (int n = 0; n < senders; n++) {
                double[] got = new double[2];
                Status st = i.Recv(got, MPI.ANY_SOURCE, 1);
                assertArrayEquals(new double[] {1 - h.color, st.source()}, got);
                assertEquals(i.rank(), st.source() % i.size());
            }
            sent.waitFor();
            i.barrier();
        }
    }

    @RankTest
    public void testBarrier() {
        if (comm().size() < 2) {
            return;
        }
        try (Halves h = new Halves(comm())) {
            h.inter.barrier();
            h.inter.ibarrier().waitFor();
        }
    }

    @RankTest
    public void testBcast() {
        if (comm().size() < 2) {
            return;
        }
        try (Halves h = new Halves(comm())) {
            Intercomm i = h.inter;
            for (Object message : Messages.ALL) {
                for (int color = 0; color < 2; color++) {
                    if (h.color == color) {
                        for (int root = 0; root < i.size(); root++) {
                            assertNull(i.bcast(root == i.rank() ? message : null,
                                    root == i.rank() ? MPI.ROOT : MPI.PROC_NULL));
                        }
                    } else {
                        for (int root = 0; root < i.remoteSize(); root++) {
                            same(message, i.bcast(null, root));
                        }
                    }
                }
            }
        }
    }

    @RankTest
    public void testBcastBuffer() {
        if (comm().size() < 2) {
            return;
        }
        try (Halves h = new Halves(comm())) {
            Intercomm i = h.inter;
            for (int color = 0; color < 2; color++) {
                int roots = h.color == color ? i.size() : i.remoteSize();
                for (int r = 0; r < roots; r++) {
                    int root = r;
                    long[] buf = new long[100_000];
                    if (h.color == color) {
                        Arrays.fill(buf, root == i.rank() ? 7L * root + 1 : -1);
                        i.Bcast(buf, root == i.rank() ? MPI.ROOT : MPI.PROC_NULL);
                        assertEquals(root == i.rank() ? 7L * root + 1 : -1, buf[buf.length - 1]);
                    } else {
                        i.Bcast(buf, root);
                        assertTrue(Arrays.stream(buf).allMatch(x -> x == 7L * root + 1));
                    }
                }
            }
        }
    }

    @RankTest
    public void testAllgather() {
        if (comm().size() < 2) {
            return;
        }
        try (Halves h = new Halves(comm())) {
            List<List<Integer>> got = h.inter.allgather(List.of(h.color, comm().rank()));
            List<List<Integer>> expected = IntStream.of(h.baseRanks(1 - h.color))
                    .mapToObj(r -> List.of(1 - h.color, r)).toList();
            assertEquals(expected, got);
            assertEquals(expected, h.inter.<List<Integer>>iallgather(List.of(h.color, comm().rank())).waitFor());
        }
    }

    @RankTest
    public void testAllreduce() {
        if (comm().size() < 2) {
            return;
        }
        try (Halves h = new Halves(comm())) {
            int[] others = h.baseRanks(1 - h.color);
            int value = 10 * comm().rank() + 1;
            assertEquals(IntStream.of(others).map(r -> 10 * r + 1).sum(), (int) h.inter.<Integer>allreduce(value));
            assertEquals(10 * others[others.length - 1] + 1, (int) h.inter.<Integer>allreduce(value, MPI.MAX));
            // not commutative: the fold keeps the remote group's rank order
            Op concat = Op.create("concat", (String a, String b) -> a + "," + b, false);
            String expected = String.join(",", IntStream.of(others).mapToObj(String::valueOf).toList());
            assertEquals(expected, h.inter.allreduce(String.valueOf(comm().rank()), concat));
        }
    }

    @RankTest
    public void testAllgatherBuffer() {
        if (comm().size() < 2) {
            return;
        }
        try (Halves h = new Halves(comm())) {
            Intercomm i = h.inter;
            int[] got = new int[2 * i.remoteSize()];
            i.Allgather(new int[] {h.color, comm().rank()}, got);
            int[] expected = IntStream.of(h.baseRanks(1 - h.color)).flatMap(r -> IntStream.of(1 - h.color, r)).toArray();
            assertArrayEquals(expected, got);
            DoubleBuffer into = DoubleBuffer.allocate(i.remoteSize());
            i.Allgather(DoubleBuffer.wrap(new double[] {comm().rank() + 0.5}), into);
            assertArrayEquals(IntStream.of(h.baseRanks(1 - h.color)).mapToDouble(r -> r + 0.5).toArray(), into.array());
            fails(MPI.ERR_TRUNCATE, () -> i.Allgather(new int[2], new int[2 * i.remoteSize() - 1]));
            fails(MPI.ERR_TYPE, () -> i.Allgather(new int[1], new long[i.remoteSize()]));
        }
    }

    @RankTest
    public void testAllreduceBuffer() {
        if (comm().size() < 2) {
            return;
        }
        try (Halves h = new Halves(comm())) {
            Intercomm i = h.inter;
            int[] others = h.baseRanks(1 - h.color);
            long[] sum = new long[3];
            i.Allreduce(new long[] {comm().rank(), 1, -comm().rank()}, sum, MPI.SUM);
            long total = IntStream.of(others).sum();
            assertArrayEquals(new long[] {total, others.length, -total}, sum);
            double[] max = new double[1];
            i.Allreduce(new double[] {comm().rank()}, max, MPI.MAX);
            assertEquals(others[others.length - 1], max[0]);
            // not commutative: the first remote rank's value is the left operand
            Op first = Op.create("first", (IntBuffer in, IntBuffer inout, int count) -> inout.put(0, in.get(0)), false);
            int[] got = new int[1];
            i.Allreduce(new int[] {comm().rank()}, got, first);
            assertEquals(others[0], got[0]);
            fails(MPI.ERR_BUFFER, () -> i.Allreduce(MPI.IN_PLACE, new int[1], MPI.SUM));
        }
    }
}
