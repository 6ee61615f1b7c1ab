package jmpi.tests.cco;

import static jmpi.tests.Check.fails;
import static jmpi.tests.Check.same;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import jmpi.Comm;
import jmpi.Loc;
import jmpi.MPI;
import jmpi.Op;
import jmpi.tests.Messages;
import jmpi.tests.RankSuite;
import jmpi.tests.RankTest;

/** Collectives on objects, blocking, after mpi4py's test_cco_obj. */
public class CollectiveObjectSuite extends RankSuite {

    @RankTest
    public void testBcast() {
        Comm c = comm();
        for (Object msg : Messages.ALL) {
            for (int root = 0; root < c.size(); root++) {
                Object sent = c.rank() == root ? msg : null;
                same(msg, c.bcast(sent, root));
            }
        }
        assertEquals("default root", c.bcast(c.rank() == 0 ? "default root" : "ignored"));
    }

    @RankTest
    public void testGather() {
        Comm c = comm();
        for (Object msg : Messages.ALL) {
            for (int root = 0; root < c.size(); root++) {
                List<Object> got = c.gather(msg, root);
                if (c.rank() == root) {
                    assertEquals(c.size(), got.size());
                    for (Object o : got) {
                        same(msg, o);
                    }
                } else {
                    assertNull(got);
                }
            }
        }
        for (int root = 0; root < c.size(); root++) {
            List<Integer> ranks = c.gather(c.rank(), root);
            if (c.rank() == root) {
                assertEquals(IntStream.range(0, c.size()).boxed().toList(), ranks);
            }
        }
    }

    @RankTest
    public void testScatter() {
        Comm c = comm();
        for (Object msg : Messages.ALL) {
            for (int root = 0; root < c.size(); root++) {
                List<Object> items = c.rank() == root ? new ArrayList<>(Collections.nCopies(c.size(), msg)) : null;
                same(msg, c.scatter(items, root));
            }
        }
        for (int root = 0; root < c.size(); root++) {
            List<Integer> items = c.rank() == root ? IntStream.range(0, c.size()).map(i -> i * 10).boxed().toList() : null;
            assertEquals(c.rank() * 10, (int) c.<Integer>scatter(items, root));
        }
    }

    @RankTest
    public void testAllgather() {
        Comm c = comm();
        for (Object msg : Messages.ALL) {
            List<Object> got = c.allgather(msg);
            assertEquals(c.size(), got.size());
            for (Object o : got) {
                same(msg, o);
            }
        }
        assertEquals(IntStream.range(0, c.size()).boxed().toList(), c.allgather(c.rank()));
    }

    @RankTest
    public void testAlltoall() {
        Comm c = comm();
        List<Integer> out = IntStream.range(0, c.size()).map(j -> c.rank() * 100 + j).boxed().toList();
        List<Integer> in = c.alltoall(out);
        assertEquals(IntStream.range(0, c.size()).map(i -> i * 100 + c.rank()).boxed().toList(), in);
        for (Object msg : Messages.ALL) {
            List<Object> got = c.alltoall(new ArrayList<>(Collections.nCopies(c.size(), msg)));
            for (Object o : got) {
                same(msg, o);
            }
        }
    }

    @RankTest
    public void testReduce() {
        Comm c = comm();
        int n = c.size();
        for (int root = 0; root < n; root++) {
            Integer sum = c.reduce(c.rank() + 1, MPI.SUM, root);
            Integer prod = c.reduce(c.rank() + 1, MPI.PROD, root);
            Integer max = c.reduce(c.rank(), MPI.MAX, root);
            Integer min = c.reduce(c.rank(), MPI.MIN, root);
            if (c.rank() == root) {
                assertEquals(n * (n + 1) / 2, sum);
                assertEquals(IntStream.rangeClosed(1, n).reduce(1, (a, b) -> a * b), prod);
                assertEquals(n - 1, max);
                assertEquals(0, min);
            } else {
                assertNull(sum);
                assertNull(prod);
                assertNull(max);
                assertNull(min);
            }
        }
        Integer byDefault = c.reduce(1);
        assertEquals(c.rank() == 0 ? Integer.valueOf(n) : null, byDefault);
    }

    @RankTest
    public void testAllreduceNumberTypes() {
        Comm c = comm();
        int n = c.size();
        assertEquals((long) n * 3, (long) c.<Long>allreduce(3L));
        assertEquals(n * 0.5, c.<Double>allreduce(0.5), 1e-12);
        assertEquals(n * 0.25f, c.<Float>allreduce(0.25f), 1e-6f);
        assertEquals((short) n, (short) c.<Short>allreduce((short) 1));
        assertEquals((byte) n, (byte) c.<Byte>allreduce((byte) 1));
        assertEquals(BigInteger.TEN.pow(30).multiply(BigInteger.valueOf(n)), c.allreduce(BigInteger.TEN.pow(30)));
        assertEquals(new BigDecimal("0.1").multiply(BigDecimal.valueOf(n)), c.allreduce(new BigDecimal("0.1")));
        assertEquals(Long.MAX_VALUE, (long) c.<Long>allreduce(c.rank() == 0 ? Long.MAX_VALUE : 0L, MPI.MAX));
    }

    @RankTest
    public void testAllreduceArrays() {
        Comm c = comm();
        int n = c.size();
        int[] sum = c.allreduce(new int[] {1, c.rank(), -c.rank()});
        same(new int[] {n, n * (n - 1) / 2, -n * (n - 1) / 2}, sum);
        double[] max = c.allreduce(new double[] {c.rank(), -c.rank()}, MPI.MAX);
        same(new double[] {n - 1, 0}, max);
        long[] prod = c.allreduce(new long[] {2}, MPI.PROD);
        same(new long[] {1L << n}, prod);
        boolean[] lor = c.allreduce(new boolean[] {c.rank() == 0, false}, MPI.LOR);
        same(new boolean[] {true, false}, lor);
    }

    @RankTest
    public void testLogicalAndBitwise() {
        Comm c = comm();
        int n = c.size();
        assertEquals(true, c.allreduce(true, MPI.LAND));
        assertEquals(n == 1, c.allreduce(c.rank() == 0, MPI.LAND));
        assertEquals(true, c.allreduce(c.rank() == 0, MPI.LOR));
        assertEquals(n % 2 == 1, c.allreduce(true, MPI.LXOR));
        assertEquals(n == 1 ? 1 : 0, (int) c.<Integer>allreduce(1 << c.rank(), MPI.BAND));
        assertEquals((1 << n) - 1, (int) c.<Integer>allreduce(1 << c.rank(), MPI.BOR));
        assertEquals(n % 2, (int) c.<Integer>allreduce(1, MPI.BXOR));
    }

    @RankTest
    public void testMinlocMaxloc() {
        Comm c = comm();
        int n = c.size();
        // plain values: the index is the sender's rank; equal values go to the lowest rank
        Loc<Integer> min = c.allreduce(c.rank() % 2, MPI.MINLOC);
        assertEquals(new Loc<>(0, 0), min);
        Loc<Integer> max = c.allreduce(c.rank() % 2, MPI.MAXLOC);
        assertEquals(n > 1 ? new Loc<>(1, 1) : new Loc<>(0, 0), max);
        // explicit indices, as mpi4py's (value, index) pairs
        Loc<Double> loc = c.allreduce(new Loc<>(-1.0 * c.rank(), 100 + c.rank()), MPI.MINLOC);
        assertEquals(new Loc<>(-1.0 * (n - 1), 100 + n - 1), loc);
        for (int root = 0; root < n; root++) {
            Loc<String> s = c.reduce("r" + c.rank(), MPI.MAXLOC, root);
            if (c.rank() == root) {
                assertEquals(new Loc<>("r" + (n - 1), n - 1), s);
            } else {
                assertNull(s);
            }
        }
    }

    @RankTest
    public void testStringSumReplaceNoOp() {
        Comm c = comm();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < c.size(); i++) {
            expected.append(i).append(',');
        }
        assertEquals(expected.toString(), c.allreduce(c.rank() + ","));
        assertEquals(c.size() - 1, (int) c.<Integer>allreduce(c.rank(), MPI.REPLACE));
        assertEquals(0, (int) c.<Integer>allreduce(c.rank(), MPI.NO_OP));
    }

    @RankTest
    public void testOpThatDoesNotFit() {
        Comm c = comm();
        fails(MPI.ERR_OP, () -> c.allreduce("text", MPI.PROD));
        fails(MPI.ERR_OP, () -> c.allreduce(1.5, MPI.BAND));
        if (c.size() > 1) {
            fails(MPI.ERR_OP, () -> c.allreduce(c.rank() == 0 ? (Object) 1 : (Object) 1L));
        }
        // the communicator goes on
        assertEquals(c.size(), (int) c.<Integer>allreduce(1));
    }

    @RankTest
    public void testBadRoot() {
        Comm c = comm();
        for (int root : new int[] {-c.size(), -1, c.size(), c.size() + 1}) {
            fails(MPI.ERR_ROOT, () -> c.bcast("x", root));
            fails(MPI.ERR_ROOT, () -> c.gather("x", root));
            fails(MPI.ERR_ROOT, () -> c.scatter(null, root));
            fails(MPI.ERR_ROOT, () -> c.reduce(1, MPI.SUM, root));
            fails(MPI.ERR_ROOT, () -> c.ibcast("x", root));
        }
        fails(MPI.ERR_OP, () -> c.allreduce(1, (Op) null));
        fails(MPI.ERR_COUNT, () -> c.alltoall(List.of()));
        // nothing was sent: the next collective matches on every rank
        assertEquals(c.size(), c.allgather(0).size());
    }
}
