package jmpi.tests.rma;

import static jmpi.tests.Check.fails;
import static jmpi.tests.TestBuffers.get;
import static jmpi.tests.TestBuffers.norm;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.DoubleBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.List;
import java.util.function.LongBinaryOperator;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.Op;
import jmpi.Win;
import jmpi.tests.RankSuite;
import jmpi.tests.RankTest;
import jmpi.tests.TestBuffers;
import jmpi.tests.TestBuffers.Kind;

/**
 * One-sided data movement after mpi4py's test_rma: put, get, accumulate, get_accumulate,
 * fetch_and_op and compare_and_swap on every buffer kind, to every rank, checked by reading back.
 */
public class WinSuite extends RankSuite {
    private static final int[] COUNTS = {0, 1, 7};
    /** The displacement each count is put at, in elements. */
    private static final int[] DISPS = {3, 0, 3};
    private static final int BYTES = 100 * Double.BYTES;
    /** For the operations under locks, which take turns: each numeric element type once, and two nio buffers. */
    static final List<Kind> KINDS = TestBuffers.ALL.stream()
            .filter(k -> k.numeric() && (k.name().endsWith("[]") || k.name().equals("direct DoubleBuffer")
                    || k.name().equals("IntBuffer with position")))
            .toList();

    /** The window of mpi4py's suite: 100 doubles' worth of bytes per rank, displacement unit 1. */
    private Win window(Comm c) {
        return Win.create(new byte[BYTES], 1, c);
    }

    static LongBinaryOperator model(Op op) {
        return switch (op.name()) {
            case "SUM" -> Long::sum;
            case "PROD" -> (a, b) -> a * b;
            case "MAX" -> Math::max;
            case "MIN" -> Math::min;
            case "BAND" -> (a, b) -> a & b;
            case "BOR" -> (a, b) -> a | b;
            case "BXOR" -> (a, b) -> a ^ b;
            case "LAND" -> (a, b) -> a != 0 && b != 0 ? 1 : 0;
            case "LOR" -> (a, b) -> a != 0 || b != 0 ? 1 : 0;
            case "LXOR" -> (a, b) -> (a != 0) != (b != 0) ? 1 : 0;
            case "REPLACE" -> (a, b) -> b;
            case "NO_OP" -> (a, b) -> a;
            default -> throw new AssertionError(op);
        };
    }

    @RankTest
    public void testPutGet() {
        Comm c = comm();
        int n = c.size();
        Win win = window(c);
        for (Kind k : TestBuffers.ALL) {
            for (int shape = 0; shape < COUNTS.length; shape++) {
                int count = COUNTS[shape];
                int disp = DISPS[shape];
                // each rank writes its own slot of every target, then reads every rank's slot of its neighbour
                int slot = 10 * c.rank() + disp;
                Object sbuf = k.filled(count, i -> (long) i + slot);
                win.Fence();
                for (int target = 0; target < n; target++) {
                    win.Put(sbuf, target, (long) slot * bytesPerElement(sbuf));
                }
                win.Fence();
                // one get of the neighbour's first 10 n elements holds every rank's slot
                Object rbuf = k.filled(10 * n, i -> -1L);
                win.Get(rbuf, (c.rank() + 1) % n);
                for (int r = 0; r < n; r++) {
                    int at = 10 * r + disp;
                    for (int i = 0; i < count; i++) {
                        assertEquals(norm(k, i + at), get(rbuf, at + i), k + " count " + count + " at " + i);
                    }
                }
            }
        }
        win.Fence();
        win.free();
    }

    @RankTest
    public void testAccumulate() {
        Comm c = comm();
        int n = c.size();
        Win win = window(c);
        int count = 7;
        List<Op> ops = List.of(MPI.SUM, MPI.PROD, MPI.MAX, MPI.MIN);
        for (Kind k : KINDS) {
            // each op has a region of its own in every target, so all four go in one epoch
            long region = (long) count * bytesPerElement(k.make(1));
            win.Fence();
            if (c.rank() == 0) {
                for (int target = 0; target < n; target++) {
                    for (int o = 0; o < ops.size(); o++) {
                        win.Put(k.filled(count, i -> 1L), target, o * region);
                    }
                }
            }
            win.Fence();
            for (int target = 0; target < n; target++) {
                for (int o = 0; o < ops.size(); o++) {
                    win.Accumulate(k.filled(count, i -> (long) i % 3), target, o * region, ops.get(o));
                }
            }
            win.Fence();
            for (int target = 0; target < n; target++) {
                for (int o = 0; o < ops.size(); o++) {
                    Object rbuf = k.filled(count, i -> -1L);
                    win.Get(rbuf, target, o * region);
                    for (int i = 0; i < count; i++) {
                        long expected = 1;
                        for (int r = 0; r < n; r++) {
                            expected = model(ops.get(o)).applyAsLong(expected, i % 3);
                        }
                        assertEquals(expected, get(rbuf, i), k + " " + ops.get(o) + " at " + i);
                    }
                }
            }
        }
        win.Fence();
        win.free();
    }

    /** Every built-in op, the ranks taking turns so that REPLACE and NO_OP have one order: the sequential fold. */
    @RankTest
    public void testAccumulateEveryOp() {
        Comm c = comm();
        Win win = Win.allocate(4 * Long.BYTES, Long.BYTES, c);
        ByteBuffer mine = win.tomemory();
        for (Op op : Op.values()) {
            boolean pairs = op == MPI.MINLOC || op == MPI.MAXLOC;
            win.Fence();
            if (c.rank() == 0) {
                win.Put(new long[] {3, 0, 5, 1}, 0);
            }
            for (int turn = 0; turn < c.size(); turn++) {
                win.Fence();
                if (turn == c.rank()) {
                    win.Accumulate(values(turn, pairs), 0, 0, op);
                }
            }
            win.Fence();
            if (c.rank() == 0) {
                long[] expected = {3, 0, 5, 1};
                for (int r = 0; r < c.size(); r++) {
                    expected = fold(op, expected, values(r, pairs));
                }
                for (int i = 0; i < 4; i++) {
                    assertEquals(expected[i], mine.getLong(i * Long.BYTES), op + " at " + i);
                }
            }
        }
        win.free();
    }

    private static long[] values(int rank, boolean pairs) {
        return pairs ? new long[] {rank % 3, rank, 4 - rank % 2, rank} : new long[] {rank + 2, rank % 2, -rank, 7};
    }

    private static long[] fold(Op op, long[] a, long[] b) {
        long[] out = a.clone();
        if (op == MPI.MINLOC || op == MPI.MAXLOC) {
            for (int i = 0; i < a.length; i += 2) {
                boolean better = op == MPI.MINLOC ? b[i] < a[i] : b[i] > a[i];
                if (better || b[i] == a[i] && b[i + 1] < a[i + 1]) {
                    out[i] = b[i];
                    out[i + 1] = b[i + 1];
                }
            }
            return out;
        }
        for (int i = 0; i < a.length; i++) {
            out[i] = model(op).applyAsLong(a[i], b[i]);
        }
        return out;
    }

    static int bytesPerElement(Object buf) {
        return buf instanceof byte[] || buf instanceof boolean[] || buf instanceof ByteBuffer ? 1
                : buf instanceof short[] || buf instanceof char[] || buf instanceof ShortBuffer
                        || buf instanceof CharBuffer ? 2
                : buf instanceof long[] || buf instanceof double[] || buf instanceof LongBuffer
                        || buf instanceof DoubleBuffer ? 8 : 4;
    }

    @RankTest
    public void testProcNull() {
        Comm c = comm();
        Win win = window(c);
        int[] buf = {1, 2};
        win.Fence();
        win.Put(buf, MPI.PROC_NULL);
        win.Get(buf, MPI.PROC_NULL);
        win.Accumulate(buf, MPI.PROC_NULL, 0, MPI.REPLACE);
        win.Accumulate(buf, MPI.PROC_NULL, 0, MPI.SUM);
        win.Get_accumulate(buf, new int[2], MPI.PROC_NULL);
        win.Fetch_and_op(buf, new int[1], MPI.PROC_NULL);
        win.Compare_and_swap(buf, buf, new int[1], MPI.PROC_NULL);
        win.Rput(buf, MPI.PROC_NULL).waitFor();
        win.Fence();
        assertEquals(1, buf[0]);
        win.free();
    }

    /** Above the eager limit a put and a get stream by rendezvous, both ways, whole. */
    @RankTest
    public void testLargePutGet() {
        Comm c = comm();
        int n = 1 << 17;
        Win win = Win.allocate((long) n * Double.BYTES, Double.BYTES, c);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = c.rank() + i / 7.0;
        }
        int right = (c.rank() + 1) % c.size();
        int left = (c.rank() + c.size() - 1) % c.size();
        win.Fence();
        win.Put(out, right);
        win.Fence();
        double[] back = new double[n];
        win.Get(back, right);
        win.Fence();
        for (int i = 0; i < n; i += 997) {
            assertEquals(c.rank() + i / 7.0, back[i], "element " + i + " of what this rank put");
            assertEquals(left + i / 7.0, win.tomemory().getDouble(i * Double.BYTES), "element " + i + " put here");
        }
        win.free();
    }

    /** A window over another element type holds little-endian bytes: a put of bytes lands in an int. */
    @RankTest
    public void testWindowOverTypedBuffers() {
        Comm c = comm();
        int n = c.size();
        int[] ints = new int[n + 1];
        Win win = Win.create(ints, Integer.BYTES, c);
        int right = (c.rank() + 1) % n;
        int left = (c.rank() + n - 1) % n;
        win.Fence();
        win.Put(new int[] {100 + c.rank()}, right, c.rank());
        win.Put(new byte[] {1, 2}, c.rank(), n);
        win.Fence();
        win.Sync();
        assertEquals(100 + left, ints[left], "the left neighbour's put");
        assertEquals(0x0201, ints[n], "two bytes, little-endian, in an int");
        fails(MPI.ERR_BUFFER, win::tomemory);
        win.free();
        ByteBuffer bytes = ByteBuffer.allocateDirect(16);
        Win over = Win.create(bytes, 8, c);
        over.Fence();
        over.Put(new double[] {c.rank() + 0.5}, c.rank(), 1);
        over.Fence();
        assertEquals(c.rank() + 0.5, over.tomemory().getDouble(8));
        over.free();
    }
}
