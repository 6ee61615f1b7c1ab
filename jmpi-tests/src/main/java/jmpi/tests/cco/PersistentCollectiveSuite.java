package jmpi.tests.cco;

import static jmpi.tests.Check.fails;
import static jmpi.tests.TestBuffers.get;
import static jmpi.tests.TestBuffers.norm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntToLongFunction;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Op;
import jmpi.Prequest;
import jmpi.Request;
import jmpi.tests.RankSuite;
import jmpi.tests.RankTest;
import jmpi.tests.TestBuffers;
import jmpi.tests.TestBuffers.Kind;

/**
 * Persistent collectives on buffers, every element type and backing, after the persistent parts of
 * mpi4py's test_cco_buf and test_cco_nb_buf: each made once and started again with new contents.
 */
public class PersistentCollectiveSuite extends RankSuite {
    private static final int STARTS = 3;
    /** What a receive buffer holds where nothing may land: a value every element type can hold. */
    private static final long UNTOUCHED = 99;

    private static void expect(Kind k, Object buf, int i, long v, int step) {
        assertEquals(norm(k, v), get(buf, i), () -> k + " element " + i + " of start " + step);
    }

    private static void fill(Object buf, int n, IntToLongFunction f) {
        for (int i = 0; i < n; i++) {
            TestBuffers.set(buf, i, f.applyAsLong(i));
        }
    }

    private static void run(Prequest<?> r) {
        r.start();
        r.waitFor();
    }

    @RankTest
    public void testBarrierInit() {
        Prequest<Void> b = comm().Barrier_init();
        for (int step = 0; step < STARTS; step++) {
            run(b);
        }
        b.free();
    }

    @RankTest
    public void testBcastInit() {
        Comm c = comm();
        for (Kind k : TestBuffers.ALL) {
            for (int root = 0; root < c.size(); root++) {
                Object buf = k.make(4);
                Prequest<Void> b = c.Bcast_init(buf, root);
                for (int step = 0; step < STARTS; step++) {
                    int s = step;
                    int r = root;
                    fill(buf, 4, i -> c.rank() == r ? i + r + s * 5L : UNTOUCHED);
                    run(b);
                    for (int i = 0; i < 4; i++) {
                        expect(k, buf, i, i + root + step * 5L, step);
                    }
                }
                b.free();
            }
        }
    }

    @RankTest
    public void testReduceInit() {
        Comm c = comm();
        int n = c.size();
        for (Kind k : TestBuffers.ALL) {
            if (!k.numeric()) {
                continue;
            }
            for (int root = 0; root < n; root++) {
                Object send = k.make(3);
                Object recv = c.rank() == root ? k.make(3) : null;
                Prequest<Void> sum = c.Reduce_init(send, recv, MPI.SUM, root);
                // in place at the root: the receive buffer is the input, read at each start
                Object mine = k.make(3);
                Prequest<Void> max = c.Reduce_init(c.rank() == root ? MPI.IN_PLACE : mine,
                        c.rank() == root ? mine : null, MPI.MAX, root);
                for (int step = 0; step < STARTS; step++) {
                    int s = step;
                    fill(send, 3, i -> c.rank() + i + s);
                    fill(mine, 3, i -> c.rank() + i + s);
                    run(sum);
                    run(max);
                    if (c.rank() == root) {
                        for (int i = 0; i < 3; i++) {
                            expect(k, recv, i, (long) n * (n - 1) / 2 + (long) n * (i + step), step);
                            expect(k, mine, i, n - 1 + i + step, step);
                        }
                    }
                }
                sum.free();
                max.free();
            }
        }
    }

    @RankTest
    public void testAllreduceInit() {
        Comm c = comm();
        int n = c.size();
        for (Kind k : TestBuffers.ALL) {
            Object send = k.make(4);
            Object recv = k.make(4);
            if (k.logical()) {
                Prequest<Void> and = c.Allreduce_init(send, recv, MPI.LAND);
                for (int step = 0; step < STARTS; step++) {
                    int s = step;
                    // element 0 true everywhere; element 1 false on every rank but 0 at odd steps
                    fill(send, 4, i -> i == 1 && (s % 2 == 1 && c.rank() != 0) ? 0L : 1L);
                    run(and);
                    expect(k, recv, 0, 1, step);
                    expect(k, recv, 1, step % 2 == 1 && n > 1 ? 0 : 1, step);
                }
                continue;
            }
            for (Op op : new Op[] {MPI.SUM, MPI.PROD, MPI.MAX, MPI.MIN}) {
                Prequest<Void> r = c.Allreduce_init(send, recv, op);
                for (int step = 0; step < STARTS; step++) {
                    int s = step;
                    fill(send, 4, i -> (c.rank() + s) % 2 + 1);
                    run(r);
                    long expected = 0;
                    for (int rank = 0; rank < n; rank++) {
                        long v = (rank + step) % 2 + 1;
                        expected = rank == 0 ? v : op == MPI.SUM ? expected + v : op == MPI.PROD ? expected * v
                                : op == MPI.MAX ? Math.max(expected, v) : Math.min(expected, v);
                    }
                    for (int i = 0; i < 4; i++) {
                        expect(k, recv, i, expected, step);
                    }
                }
                r.free();
            }
            Object inPlace = k.make(3);
            Prequest<Void> r = c.Allreduce_init(MPI.IN_PLACE, inPlace, MPI.SUM);
            for (int step = 0; step < STARTS; step++) {
                int s = step;
                fill(inPlace, 3, i -> i + s);
                run(r);
                for (int i = 0; i < 3; i++) {
                    expect(k, inPlace, i, (long) (i + step) * n, step);
                }
            }
        }
    }

    @RankTest
    public void testLargeAllreduceInitKeepsItsAlgorithm() {
        // large enough for the ring where the table chooses it, and started more than once
        Comm c = comm();
        int n = c.size();
        double[] send = new double[64 * 1024];
        double[] recv = new double[send.length];
        Prequest<Void> r = c.Allreduce_init(send, recv, MPI.SUM);
        for (int step = 0; step < 2; step++) {
            Arrays.fill(send, c.rank() + step);
            run(r);
            assertEquals((double) n * (n - 1) / 2 + (double) n * step, recv[send.length - 1]);
            assertEquals(recv[0], recv[send.length / 2]);
        }
        r.free();
    }

    @RankTest
    public void testAllgatherInit() {
        Comm c = comm();
        int n = c.size();
        for (Kind k : TestBuffers.ALL) {
            Object send = k.make(2);
            Object recv = k.make(2 * n);
            Prequest<Void> g = c.Allgather_init(send, recv);
            Object inPlace = k.make(2 * n);
            Prequest<Void> gi = c.Allgather_init(MPI.IN_PLACE, inPlace);
            // rank i gives i % 3 + 1 elements at displacement 3i of a receive buffer of 3n
            Object vsend = k.make(c.rank() % 3 + 1);
            Object vrecv = k.make(3 * n);
            int[] counts = new int[n];
            int[] displs = new int[n];
            for (int i = 0; i < n; i++) {
                counts[i] = i % 3 + 1;
                displs[i] = 3 * i;
            }
            Prequest<Void> gv = c.Allgatherv_init(vsend, vrecv, counts, displs);
            for (int step = 0; step < STARTS; step++) {
                int s = step;
                fill(send, 2, i -> c.rank() * 2L + i + s);
                fill(inPlace, 2 * n, i -> i / 2 == c.rank() ? i + s : UNTOUCHED);
                fill(vsend, c.rank() % 3 + 1, i -> c.rank() * 3L + i + s);
                fill(vrecv, 3 * n, i -> UNTOUCHED);
                Prequest.startAll(List.of(g, gi, gv));
                Request.waitAll(List.of(g, gi, gv));
                for (int i = 0; i < 2 * n; i++) {
                    expect(k, recv, i, i + step, step);
                    expect(k, inPlace, i, i + step, step);
                }
                for (int i = 0; i < 3 * n; i++) {
                    boolean sent = i % 3 < (i / 3) % 3 + 1;
                    expect(k, vrecv, i, sent ? i + step : UNTOUCHED, step);
                }
            }
            List.of(g, gi, gv).forEach(Prequest::free);
        }
    }

    @RankTest
    public void testAlltoallInit() {
        Comm c = comm();
        int n = c.size();
        for (Kind k : TestBuffers.ALL) {
            Object send = k.make(n);
            Object recv = k.make(n);
            Prequest<Void> a = c.Alltoall_init(send, recv);
            // to rank j: j + 1 elements, one chunk after another; from rank i: rank() + 1 elements at i * (rank() + 2)
            int[] sc = new int[n];
            int[] sd = new int[n];
            int[] rc = new int[n];
            int[] rd = new int[n];
            for (int j = 0; j < n; j++) {
                sc[j] = j + 1;
                sd[j] = j * (j + 1) / 2;
                rc[j] = c.rank() + 1;
                rd[j] = j * (c.rank() + 2);
            }
            Object vsend = k.make(n * (n + 1) / 2);
            Object vrecv = k.make(n * (c.rank() + 2));
            Prequest<Void> av = c.Alltoallv_init(vsend, sc, sd, vrecv, rc, rd);
            for (int step = 0; step < STARTS; step++) {
                int s = step;
                fill(send, n, j -> c.rank() * 10L + j + s);
                // element e of the chunk for rank j: sender * 10 + e + step
                for (int j = 0; j < n; j++) {
                    for (int e = 0; e <= j; e++) {
                        TestBuffers.set(vsend, sd[j] + e, c.rank() * 10L + e + s);
                    }
                }
                fill(vrecv, n * (c.rank() + 2), i -> UNTOUCHED);
                run(a);
                run(av);
                for (int i = 0; i < n; i++) {
                    expect(k, recv, i, i * 10L + c.rank() + step, step);
                    for (int e = 0; e < c.rank() + 2; e++) {
                        expect(k, vrecv, rd[i] + e, e <= c.rank() ? i * 10L + e + step : UNTOUCHED, step);
                    }
                }
            }
            a.free();
            av.free();
        }
    }

    @RankTest
    public void testGatherAndScatterInit() {
        Comm c = comm();
        int n = c.size();
        for (Kind k : TestBuffers.ALL) {
            for (int root = 0; root < n; root++) {
                boolean atRoot = c.rank() == root;
                Object mine = k.make(2);
                Object all = atRoot ? k.make(2 * n) : null;
                Prequest<Void> g = c.Gather_init(mine, all, root);
                // rank i's chunk of the v forms: i % 2 + 1 elements at 2i
                int[] counts = new int[n];
                int[] displs = new int[n];
                for (int i = 0; i < n; i++) {
                    counts[i] = i % 2 + 1;
                    displs[i] = 2 * i;
                }
                Object vmine = k.make(c.rank() % 2 + 1);
                Object vall = atRoot ? k.make(2 * n) : null;
                Prequest<Void> gv = c.Gatherv_init(vmine, vall, counts, displs, root);
                Object chunk = k.make(2);
                Prequest<Void> sc = c.Scatter_init(all, chunk, root);
                Object vchunk = k.make(2);
                Prequest<Void> scv = c.Scatterv_init(vall, counts, displs, vchunk, root);
                for (int step = 0; step < STARTS; step++) {
                    int s = step;
                    fill(mine, 2, i -> c.rank() * 2L + i + s);
                    fill(vmine, c.rank() % 2 + 1, i -> c.rank() * 2L + i + s);
                    if (atRoot) {
                        fill(vall, 2 * n, i -> UNTOUCHED);
                    }
                    run(g);
                    run(gv);
                    if (atRoot) {
                        for (int i = 0; i < 2 * n; i++) {
                            expect(k, all, i, i + step, step);
                            expect(k, vall, i, i % 2 < (i / 2) % 2 + 1 ? i + step : UNTOUCHED, step);
                            // what the scatters send back next: the gathered values, one more each
                            TestBuffers.set(all, i, i + step + 1);
                            TestBuffers.set(vall, i, i + step + 1);
                        }
                    }
                    fill(chunk, 2, i -> UNTOUCHED);
                    fill(vchunk, 2, i -> UNTOUCHED);
                    run(sc);
                    run(scv);
                    for (int i = 0; i < 2; i++) {
                        expect(k, chunk, i, c.rank() * 2L + i + step + 1, step);
                        expect(k, vchunk, i, i <= c.rank() % 2 ? c.rank() * 2L + i + step + 1 : UNTOUCHED, step);
                    }
                }
                List.of(g, gv, sc, scv).forEach(Prequest::free);
            }
        }
    }

    @RankTest
    public void testScanAndExscanInit() {
        Comm c = comm();
        for (Kind k : TestBuffers.ALL) {
            if (!k.numeric()) {
                continue;
            }
            Object send = k.make(2);
            Object scanned = k.make(2);
            Object before = k.make(2);
            Prequest<Void> scan = c.Scan_init(send, scanned, MPI.SUM);
            Prequest<Void> exscan = c.Exscan_init(send, before, MPI.SUM);
            for (int step = 0; step < STARTS; step++) {
                int s = step;
                fill(send, 2, i -> c.rank() + i + s);
                fill(before, 2, i -> UNTOUCHED);
                Prequest.startAll(List.of(scan, exscan));
                Request.waitAll(List.of(scan, exscan));
                for (int i = 0; i < 2; i++) {
                    long upTo = 0;
                    for (int r = 0; r <= c.rank(); r++) {
                        upTo += r + i + step;
                    }
                    expect(k, scanned, i, upTo, step);
                    expect(k, before, i, c.rank() == 0 ? UNTOUCHED : upTo - (c.rank() + i + step), step);
                }
            }
        }
    }

    @RankTest
    public void testInterleavedWithOtherCollectives() {
        // a started persistent collective takes its place among the communicator's collectives
        Comm c = comm();
        long[] send = new long[1];
        long[] recv = new long[1];
        Prequest<Void> r = c.Allreduce_init(send, recv, MPI.SUM);
        for (int step = 0; step < STARTS; step++) {
            send[0] = c.rank() + step;
            r.start();
            int[] b = {c.rank() == 0 ? step : -1};
            c.Bcast(b, 0);
            Object total = c.allreduce(1);
            r.waitFor();
            assertEquals(step, b[0]);
            assertEquals(c.size(), total);
            assertEquals((long) c.size() * (c.size() - 1) / 2 + (long) c.size() * step, recv[0]);
        }
        r.free();
    }

    @RankTest
    public void testStartingAnActiveCollectiveIsRefused() {
        Comm c = comm();
        int[] send = {1};
        int[] recv = new int[1];
        Prequest<Void> r = c.Allreduce_init(send, recv, MPI.SUM);
        r.start();
        MPIException e = fails(MPI.ERR_REQUEST, r::start);
        assertTrue(e.getMessage().contains("Allreduce_init"), e.getMessage());
        r.waitFor();
        assertEquals(c.size(), recv[0]);
        run(r);
        assertEquals(c.size(), recv[0]);
        r.free();
        fails(MPI.ERR_REQUEST, r::start);
        // the communicator goes on
        c.Barrier();
    }

    @RankTest
    public void testBadArgumentsFailAtInit() {
        Comm c = comm();
        fails(MPI.ERR_ROOT, () -> c.Bcast_init(new int[1], c.size()));
        fails(MPI.ERR_ROOT, () -> c.Reduce_init(new int[1], new int[1], MPI.SUM, -1));
        fails(MPI.ERR_OP, () -> c.Allreduce_init(new int[1], new int[1], null));
        fails(MPI.ERR_TYPE, () -> c.Allreduce_init(new int[1], new long[1], MPI.SUM));
        fails(MPI.ERR_TRUNCATE, () -> c.Allreduce_init(new int[3], new int[2], MPI.SUM));
        fails(MPI.ERR_BUFFER, () -> c.Allgather_init("no buffer", new int[c.size()]));
        int[] twos = new int[c.size()];
        Arrays.fill(twos, 2);
        fails(MPI.ERR_COUNT, () -> c.Alltoallv_init(new int[1], twos, new int[c.size()], new int[2 * c.size()],
                twos, new int[c.size()]));
        fails(MPI.ERR_COUNT, () -> c.Allgatherv_init(new int[1], new int[1], new int[c.size() + 1],
                new int[c.size() + 1]));
        // none of them took a collective's place: the next one lines up on every rank
        int[] one = {1};
        c.Allreduce(MPI.IN_PLACE, one, MPI.SUM);
        assertEquals(c.size(), one[0]);
    }
}
