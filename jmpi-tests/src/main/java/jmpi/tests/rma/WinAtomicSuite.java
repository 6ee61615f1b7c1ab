package jmpi.tests.rma;

import static jmpi.tests.TestBuffers.get;
import static jmpi.tests.rma.WinSuite.KINDS;
import static jmpi.tests.rma.WinSuite.bytesPerElement;
import static jmpi.tests.rma.WinSuite.model;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.Op;
import jmpi.Win;
import jmpi.tests.RankSuite;
import jmpi.tests.RankTest;
import jmpi.tests.TestBuffers.Kind;

/**
 * The fetching one-sided operations after mpi4py's test_rma: get_accumulate, fetch_and_op and
 * compare_and_swap under locks, to every rank, each checked against the value before and after.
 */
public class WinAtomicSuite extends RankSuite {
    private static final List<Op> OPS = List.of(MPI.SUM, MPI.PROD, MPI.MAX, MPI.MIN, MPI.REPLACE, MPI.NO_OP);

    private Win window(Comm c) {
        return Win.create(new byte[100 * Double.BYTES], 1, c);
    }

    @RankTest
    public void testGetAccumulate() {
        Comm c = comm();
        Win win = window(c);
        for (int kind = 0; kind < KINDS.size(); kind++) {
            Kind k = KINDS.get(kind);
            for (Op op : OPS) {
                // each rank works on one target, another one for each kind
                int target = (c.rank() + kind) % c.size();
                int count = 5;
                Object ones = k.filled(count, i -> 1L);
                Object sbuf = k.filled(count, i -> (long) i);
                Object rbuf = k.filled(count, i -> -1L);
                Object gbuf = k.filled(count, i -> -1L);
                win.Lock(target);
                win.Put(ones, target);
                win.Flush(target);
                win.Get_accumulate(sbuf, rbuf, target, 0, op);
                win.Flush(target);
                win.Get(gbuf, target);
                win.Unlock(target);
                for (int i = 0; i < count; i++) {
                    assertEquals(1, get(rbuf, i), k + " " + op + " result at " + i);
                    assertEquals(model(op).applyAsLong(1, i), get(gbuf, i), k + " " + op + " after at " + i);
                }
            }
        }
        win.free();
    }

    @RankTest
    public void testFetchAndOp() {
        Comm c = comm();
        Win win = window(c);
        for (int kind = 0; kind < KINDS.size(); kind++) {
            Kind k = KINDS.get(kind);
            int size = bytesPerElement(k.make(1));
            for (Op op : OPS) {
                int target = (c.rank() + kind) % c.size();
                int disp = kind % 3;
                Object result = k.filled(2, i -> 9L);
                Object after = k.filled(1, i -> -1L);
                win.Lock(MPI.LOCK_EXCLUSIVE, target);
                win.Put(k.filled(1, i -> 5L), target, (long) disp * size);
                win.Fetch_and_op(k.filled(1, i -> 2L), result, target, (long) disp * size, op);
                win.Get(after, target, (long) disp * size);
                win.Unlock(target);
                assertEquals(5, get(result, 0), k + " " + op);
                assertEquals(9, get(result, 1), k + " " + op + ": only one element is fetched");
                assertEquals(model(op).applyAsLong(5, 2), get(after, 0), k + " " + op);
            }
        }
        win.free();
    }

    @RankTest
    public void testCompareAndSwap() {
        Comm c = comm();
        Win win = Win.allocate(Long.BYTES, c);
        for (int target = 0; target < c.size(); target++) {
            long[] result = {-1};
            win.Lock(target);
            win.Put(new long[] {10}, target);
            win.Compare_and_swap(new long[] {20}, new long[] {10}, result, target);
            assertEquals(10, result[0]);
            win.Compare_and_swap(new long[] {30}, new long[] {10}, result, target);
            assertEquals(20, result[0], "the second compare fails: the value stays");
            long[] now = {0};
            win.Get(now, target);
            win.Unlock(target);
            assertEquals(20, now[0]);
        }
        win.free();
        // every rank at once: exactly one swap wins per round
        Win flag = Win.allocate(Integer.BYTES, Integer.BYTES, c);
        int[] before = {-1};
        flag.Lock_all();
        flag.Compare_and_swap(new int[] {c.rank() + 1}, new int[] {0}, before, 0, 0);
        flag.Unlock_all();
        int winners = c.allreduce(before[0] == 0 ? 1 : 0, MPI.SUM);
        assertEquals(1, winners);
        flag.free();
    }
}
