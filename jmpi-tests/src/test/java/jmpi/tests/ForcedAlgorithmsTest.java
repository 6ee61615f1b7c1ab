package jmpi.tests;

import static jmpi.tests.TestBuffers.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.Op;
import jmpi.testing.MPITesting;
import jmpi.tests.TestBuffers.Kind;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Each collective algorithm that the table keeps for large buffers or runs among the ranks, forced by
 * name ({@code -Djmpi.coll.<kind>=<name>}) at sizes the table would not give it, at 1 to 7 ranks,
 * against a sequential model: every numeric element type, several ops, counts below and above the
 * number of ranks, every root (bcast) or the first and last, objects, and the ops a forced ring hands
 * back to the small algorithm.
 */
class ForcedAlgorithmsTest {
    private static final int MAX_RANKS = 7;
    private static final Op[] ARITHMETIC = {MPI.SUM, MPI.PROD, MPI.MAX, MPI.MIN};
    private static final Op[] BITWISE = {MPI.BAND, MPI.BOR, MPI.BXOR};
    /** REPLACE and NO_OP keep rank order: a forced ring hands them to the small algorithm. */
    private static final Op[] ORDERED = {MPI.REPLACE, MPI.NO_OP};

    @TestFactory
    List<DynamicTest> everyForcedAlgorithmMatchesTheModel() {
        List<DynamicTest> tests = new ArrayList<>();
        add(tests, "bcast", "scatter-allgather", ForcedAlgorithmsTest::bcast);
        add(tests, "bcast", "streamed", ForcedAlgorithmsTest::bcast);
        add(tests, "allgather", "ring", ForcedAlgorithmsTest::allgather);
        add(tests, "alltoall", "streamed", ForcedAlgorithmsTest::alltoall);
        add(tests, "allreduce", "ring", c -> reductions(c, -1));
        add(tests, "reduce", "reduce-scatter-gather", c -> {
            for (int root : new int[] {0, c.size() - 1}) {
                reductions(c, root);
            }
        });
        add(tests, "scan", "recursive-doubling", c -> scans(c, false));
        add(tests, "exscan", "recursive-doubling", c -> scans(c, true));
        return tests;
    }

    private static void add(List<DynamicTest> tests, String kind, String name, ThrowingConsumer<Comm> body) {
        for (int n = 1; n <= MAX_RANKS; n++) {
            int ranks = n;
            tests.add(DynamicTest.dynamicTest(kind + "=" + name + " at " + n + " ranks", () -> {
                System.setProperty("jmpi.coll." + kind, name);
                try {
                    MPITesting.run(ranks, body);
                } finally {
                    System.clearProperty("jmpi.coll." + kind);
                }
            }));
        }
    }

    /** Counts with fewer elements than ranks (empty blocks), a few per rank, and an uneven many. */
    private static int[] counts(int n) {
        return new int[] {0, 1, n - 1, 3 * n + 2, 1001};
    }

    /** What rank r contributes at element i: small, so sums and products are exact in every type. */
    private static long value(int r, int i) {
        return (r * 7L + i * 3L) % 3 + 1;
    }

    /** SUM and MAX on every kind; on primitive arrays every op that applies, which take the same loops. */
    private static List<Op> ops(Kind k) {
        if (!k.name().endsWith("[]")) {
            return List.of(MPI.SUM, MPI.MAX);
        }
        List<Op> ops = new ArrayList<>(List.of(ARITHMETIC));
        if (!k.floating()) {
            ops.addAll(List.of(BITWISE));
        }
        ops.addAll(List.of(ORDERED));
        return ops;
    }

    private static List<Kind> numeric() {
        return TestBuffers.ALL.stream().filter(Kind::numeric).toList();
    }

    /** The fold in rank order of ranks [0, upTo) at element i, in the arithmetic of kind k (a long, wrapped as k wraps). */
    private static long model(Kind k, Op op, int upTo, int i) {
        long acc = value(0, i);
        for (int r = 1; r < upTo; r++) {
            long v = value(r, i);
            acc = op == MPI.SUM ? acc + v : op == MPI.PROD ? acc * v : op == MPI.MAX ? Math.max(acc, v)
                    : op == MPI.MIN ? Math.min(acc, v) : op == MPI.BAND ? acc & v : op == MPI.BOR ? acc | v
                    : op == MPI.BXOR ? acc ^ v : op == MPI.REPLACE ? v : acc;
        }
        long a = acc;
        return get(k.filled(1, x -> a), 0);
    }

    /** Asserts that buf holds model(i) at each element i, as a buffer of kind k holds it. */
    private static void expect(Kind k, Object buf, int count, IntFunction<Long> model, String what) {
        Object want = k.filled(count, model);
        for (int i = 0; i < count; i++) {
            assertEquals(get(want, i), get(buf, i), k + " " + what + " element " + i);
        }
    }

    private static void bcast(Comm c) {
        int n = c.size();
        for (Kind k : numeric()) {
            for (int count : counts(n)) {
                for (int root = 0; root < n; root++) {
                    int from = root;
                    IntFunction<Long> sent = i -> (long) (i * 5 + from) % 100;
                    Object buf = c.rank() == root ? k.filled(count, sent) : k.make(count);
                    c.Bcast(buf, root);
                    expect(k, buf, count, sent, "bcast of " + count + " from " + root);
                }
            }
        }
        for (int root = 0; root < n; root++) {
            assertEquals("from " + root, c.bcast(c.rank() == root ? "from " + root : null, root));
        }
    }

    private static void allgather(Comm c) {
        int n = c.size();
        int r = c.rank();
        for (Kind k : numeric()) {
            for (int count : counts(n)) {
                Object all = k.make(count * n);
                c.Allgather(k.filled(count, i -> (long) (r * 11 + i) % 100), all);
                expect(k, all, count * n, i -> (long) ((i / count) * 11 + i % count) % 100, "allgather of " + count);
            }
        }
        // uneven parts: rank q sends q + 1 elements
        int[] sizes = new int[n];
        int[] displs = new int[n];
        for (int q = 0; q < n; q++) {
            sizes[q] = q + 1;
            displs[q] = q * (q + 1) / 2;
        }
        int[] got = new int[n * (n + 1) / 2];
        c.Allgatherv(numbered(r + 1, r), got, sizes, displs);
        for (int q = 0; q < n; q++) {
            for (int i = 0; i <= q; i++) {
                assertEquals(q * 100 + i, got[displs[q] + i], "allgatherv from " + q);
            }
        }
        List<Object> objects = c.allgather("rank " + r);
        for (int q = 0; q < n; q++) {
            assertEquals("rank " + q, objects.get(q));
        }
    }

    /** Every block from and to every rank; in place and objects take the whole-block exchange. */
    private static void alltoall(Comm c) {
        int n = c.size();
        int r = c.rank();
        for (Kind k : numeric()) {
            for (int count : counts(n)) {
                Object recv = k.make(count * n);
                c.Alltoall(k.filled(count * n, i -> (long) (r * 11 + i) % 100), recv);
                int block = count;
                expect(k, recv, count * n, j -> (long) ((j / block) * 11 + r * block + j % block) % 100,
                        "alltoall of " + count);
            }
            Object inout = k.filled(2 * n, i -> (long) (r * 11 + i) % 100);
            c.Alltoall(MPI.IN_PLACE, inout);
            expect(k, inout, 2 * n, j -> (long) ((j / 2) * 11 + r * 2 + j % 2) % 100, "alltoall in place");
        }
        List<String> out = new ArrayList<>();
        for (int q = 0; q < n; q++) {
            out.add(r + " to " + q);
        }
        List<String> in = c.alltoall(out);
        for (int q = 0; q < n; q++) {
            assertEquals(q + " to " + r, in.get(q));
        }
    }

    private static int[] numbered(int count, int rank) {
        int[] a = new int[count];
        for (int i = 0; i < count; i++) {
            a[i] = rank * 100 + i;
        }
        return a;
    }

    /** Allreduce (root −1) or reduce to root, checked against the model on the ranks that get a result. */
    private static void reductions(Comm c, int root) {
        int n = c.size();
        int r = c.rank();
        boolean gets = root < 0 || r == root;
        for (Kind k : numeric()) {
            for (Op op : ops(k)) {
                for (int count : counts(n)) {
                    Object send = k.filled(count, i -> value(r, i));
                    Object recv = k.make(count);
                    if (root < 0) {
                        c.Allreduce(send, recv, op);
                    } else {
                        c.Reduce(send, recv, op, root);
                    }
                    if (gets) {
                        expect(k, recv, count, i -> model(k, op, n, i), op + " of " + count + " to " + root);
                    }
                }
            }
            if (root < 0) {
                Object inout = k.filled(5, i -> value(r, i));
                c.Allreduce(MPI.IN_PLACE, inout, MPI.SUM);
                expect(k, inout, 5, i -> model(k, MPI.SUM, n, i), "in place");
            }
        }
        // MINLOC on (value, index) pairs: blocks are cut between pairs, never inside one
        int pairs = 2 * n + 1;
        int[] mine = new int[2 * pairs];
        for (int p = 0; p < pairs; p++) {
            mine[2 * p] = (r + p) % n;
            mine[2 * p + 1] = r;
        }
        int[] min = new int[2 * pairs];
        if (root < 0) {
            c.Allreduce(mine, min, MPI.MINLOC);
        } else {
            c.Reduce(mine, min, MPI.MINLOC, root);
        }
        if (gets) {
            for (int p = 0; p < pairs; p++) {
                assertEquals(0, min[2 * p], "MINLOC value of pair " + p);
                assertEquals(Math.floorMod(-p, n), min[2 * p + 1], "MINLOC index of pair " + p);
            }
        }
        Integer sum = root < 0 ? c.<Integer>allreduce(r + 1) : c.<Integer>reduce(r + 1, MPI.SUM, root);
        if (gets) {
            assertEquals(n * (n + 1) / 2, sum);
        }
    }

    private static void scans(Comm c, boolean exclusive) {
        int n = c.size();
        int r = c.rank();
        int upTo = exclusive ? r : r + 1;
        for (Kind k : numeric()) {
            for (Op op : ops(k)) {
                for (int count : counts(n)) {
                    Object recv = k.filled(count, i -> 99L);
                    Object send = k.filled(count, i -> value(r, i));
                    if (exclusive) {
                        c.Exscan(send, recv, op);
                    } else {
                        c.Scan(send, recv, op);
                    }
                    IntFunction<Long> want = i -> upTo == 0 ? 99L : model(k, op, upTo, i);
                    expect(k, recv, count, want, op + " of " + count);
                }
            }
        }
        // objects fold by Op.reduce, as the coordinator does: in rank order, plain MINLOC values indexed by rank
        List<Object> strings = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (int q = 0; q < upTo; q++) {
            strings.add("r" + q);
            values.add((q * 5) % 3);
        }
        Object concat = exclusive ? c.exscan("r" + r, MPI.SUM) : c.scan("r" + r, MPI.SUM);
        Object minloc = exclusive ? c.exscan((r * 5) % 3, MPI.MINLOC) : c.scan((r * 5) % 3, MPI.MINLOC);
        if (upTo == 0) {
            assertNull(concat);
            assertNull(minloc);
        } else {
            assertEquals(MPI.SUM.reduce(strings), concat);
            assertEquals(MPI.MINLOC.reduce(values), minloc);
        }
    }
}
