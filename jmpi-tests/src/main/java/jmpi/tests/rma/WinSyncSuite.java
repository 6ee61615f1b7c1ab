package jmpi.tests.rma;

import static jmpi.tests.Check.fails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.Op;
import jmpi.Request;
import jmpi.Win;
import jmpi.tests.RankSuite;
import jmpi.tests.RankTest;

/**
 * One-sided synchronization after mpi4py's test_rma, test_rma_nb and test_win: fences with every
 * assertion, locks, flushes, the request forms, a passive target that computes while the others
 * count on it, and the errors of wrong use, after which the window goes on working.
 */
public class WinSyncSuite extends RankSuite {
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    @RankTest
    public void testFence() {
        Win win = Win.allocate(8, comm());
        int[] local = {0, MPI.MODE_NOSTORE, MPI.MODE_NOPUT, MPI.MODE_NOSTORE | MPI.MODE_NOPUT};
        int[] global = {0, MPI.MODE_NOPRECEDE, MPI.MODE_NOSUCCEED};
        win.Fence();
        for (int l : local) {
            for (int g : global) {
                win.Fence(l | g);
            }
        }
        win.Fence(MPI.MODE_NOSUCCEED);
        fails(MPI.ERR_RMA_SYNC, () -> win.Put(new byte[1], comm().rank()));
        win.Fence();
        win.Put(new byte[] {9}, comm().rank());
        win.Fence();
        assertEquals(9, win.tomemory().get(0));
        win.free();
    }

    @RankTest
    public void testSyncAndFlush() {
        Comm c = comm();
        Win win = Win.create(new long[4], Long.BYTES, c);
        win.Lock(c.rank());
        win.Sync();
        win.Unlock(c.rank());
        c.barrier();
        for (int i = 0; i < c.size(); i++) {
            win.Lock(MPI.LOCK_SHARED, i);
            win.Flush(i);
            win.Flush_local(i);
            win.Unlock(i);
        }
        c.barrier();
        win.Lock_all();
        win.Flush_all();
        win.Flush_local_all();
        win.Unlock_all();
        fails(MPI.ERR_RMA_SYNC, () -> win.Flush(0));
        fails(MPI.ERR_RMA_SYNC, win::Flush_all);
        win.Free();
    }

    /** mpi4py's test_rma_nb: the request forms under Lock_all, completed with Request.waitAll. */
    @RankTest
    public void testRequests() {
        Comm c = comm();
        int n = c.size();
        Win win = Win.allocate((long) n * Integer.BYTES, Integer.BYTES, c);
        win.Lock_all();
        List<Request<Void>> puts = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            puts.add(win.Rput(new int[] {c.rank() + 1}, t, c.rank()));
        }
        Request.waitAll(puts);
        win.Flush_all();
        c.barrier();
        List<Request<Void>> rest = new ArrayList<>();
        int[][] got = new int[n][n];
        int[][] before = new int[n][n];
        for (int t = 0; t < n; t++) {
            rest.add(win.Rget(got[t], t));
        }
        Request.waitAll(rest);
        c.barrier();
        rest.clear();
        for (int t = 0; t < n; t++) {
            rest.add(win.Raccumulate(new int[] {10}, t, c.rank(), MPI.SUM));
        }
        Request.waitAll(rest);
        win.Flush_all();
        c.barrier();
        rest.clear();
        for (int t = 0; t < n; t++) {
            rest.add(win.Rget_accumulate(new int[n], before[t], t, 0, MPI.NO_OP));
        }
        Request.waitAll(rest);
        win.Unlock_all();
        int[] expected = new int[n];
        for (int r = 0; r < n; r++) {
            expected[r] = r + 1;
        }
        for (int t = 0; t < n; t++) {
            assertArrayEquals(expected, got[t]);
            for (int r = 0; r < n; r++) {
                assertEquals(r + 11, before[t][r]);
            }
        }
        win.free();
    }

    /** Exclusive locks exclude: a read, an increment here and a write back, by every rank, lose nothing. */
    @RankTest
    public void testExclusiveLock() {
        Comm c = comm();
        Win win = Win.allocate(Long.BYTES, Long.BYTES, c);
        int rounds = 20;
        for (int k = 0; k < rounds; k++) {
            long[] v = {0};
            win.Lock(MPI.LOCK_EXCLUSIVE, 0);
            win.Get(v, 0);
            v[0]++;
            win.Put(v, 0);
            win.Unlock(0);
        }
        c.barrier();
        if (c.rank() == 0) {
            win.Lock(MPI.LOCK_SHARED, 0);
            assertEquals((long) rounds * c.size(), win.tomemory().getLong(0));
            win.Unlock(0);
        }
        win.free();
    }

    /**
     * A counter at rank 0 that computes and calls nothing while the others fetch-and-add to it: every
     * fetched value is distinct and the count comes out exact.
     */
    @RankTest
    public void testCounterWhileTargetComputes() {
        Comm c = comm();
        if (c.size() < 2) {
            return;
        }
        int k = 50;
        Win win = Win.allocate(Long.BYTES, Long.BYTES, c);
        long total = (long) (c.size() - 1) * k;
        long[] fetched = new long[k];
        if (c.rank() == 0) {
            ByteBuffer counter = win.tomemory();
            long deadline = System.nanoTime() + 60_000_000_000L;
            double work = 0;
            while ((long) LONGS.getAcquire(counter, 0) < total) {
                for (int i = 1; i < 1000; i++) {
                    work += Math.sqrt(i);
                }
                assertTrue(System.nanoTime() < deadline, "the counter stopped at " + LONGS.getAcquire(counter, 0));
            }
            assertTrue(work > 0);
        } else {
            for (int i = 0; i < k; i++) {
                long[] before = {-1};
                win.Lock(0);
                win.Fetch_and_op(new long[] {1}, before, 0, 0, MPI.SUM);
                win.Unlock(0);
                fetched[i] = before[0];
            }
        }
        List<long[]> all = c.allgather(fetched);
        long[] values = all.stream().skip(1).flatMapToLong(LongStream::of).sorted().toArray();
        assertArrayEquals(LongStream.range(0, total).toArray(), values);
        win.free();
    }

    /** Wrong use fails at once with its error class, on the rank that erred; the window then works on. */
    @RankTest
    public void testErrors() {
        Comm c = comm();
        int me = c.rank();
        Win win = Win.allocate(4 * Integer.BYTES, Integer.BYTES, c);
        fails(MPI.ERR_RMA_SYNC, () -> win.Put(new int[1], me));
        fails(MPI.ERR_RMA_SYNC, () -> win.Unlock(me));
        fails(MPI.ERR_RMA_SYNC, win::Unlock_all);
        fails(MPI.ERR_ARG, () -> win.Lock(7, me));
        fails(MPI.ERR_RANK, () -> win.Lock(c.size()));
        win.Lock(me);
        fails(MPI.ERR_RMA_SYNC, () -> win.Lock(MPI.LOCK_SHARED, me));
        fails(MPI.ERR_RMA_SYNC, win::Lock_all);
        fails(MPI.ERR_RMA_RANGE, () -> win.Put(new int[5], me));
        fails(MPI.ERR_RMA_RANGE, () -> win.Put(new int[1], me, 4));
        fails(MPI.ERR_RMA_RANGE, () -> win.Get(new long[1], me, 3));
        fails(MPI.ERR_RMA_RANGE, () -> win.Accumulate(new int[1], me, -1));
        fails(MPI.ERR_BUFFER, () -> win.Put("four", me));
        fails(MPI.ERR_BUFFER, () -> win.Get(new Object[1], me));
        fails(MPI.ERR_TYPE, () -> win.Get_accumulate(new int[1], new long[1], me));
        fails(MPI.ERR_TYPE, () -> win.Compare_and_swap(new int[1], new long[1], new int[1], me));
        fails(MPI.ERR_COUNT, () -> win.Fetch_and_op(new int[1], new int[0], me));
        fails(MPI.ERR_OP, () -> win.Accumulate(new int[1], me, 0, null));
        fails(MPI.ERR_OP, () -> win.Accumulate(new double[1], me, 0, MPI.BAND));
        Op mine = Op.create("rma-user-op", (Integer a, Integer b) -> a + b, true);
        fails(MPI.ERR_OP, () -> win.Accumulate(new int[1], me, 0, mine));
        fails(MPI.ERR_RMA_SYNC, win::Fence);
        fails(MPI.ERR_RMA_SYNC, win::free);
        win.Put(new int[] {1, 2, 3, 4}, me);
        win.Unlock(me);
        c.barrier();
        int[] got = new int[4];
        int other = (me + 1) % c.size();
        win.Lock(MPI.LOCK_SHARED, other);
        win.Get(got, other);
        win.Unlock(other);
        assertArrayEquals(new int[] {1, 2, 3, 4}, got);
        win.free();
        fails(MPI.ERR_WIN, () -> win.Lock(me));
        fails(MPI.ERR_WIN, win::Fence);
        fails(MPI.ERR_WIN, win::free);
        fails(MPI.ERR_WIN, win::tomemory);
    }

    /** Arguments one rank gives wrong fail the window's creation on every rank, which then go on. */
    @RankTest
    public void testCreationErrors() {
        Comm c = comm();
        fails(MPI.ERR_BUFFER, () -> Win.create("memory", 1, c));
        fails(MPI.ERR_BUFFER, () -> Win.create(ByteBuffer.allocate(8).asReadOnlyBuffer(), 1, c));
        fails(MPI.ERR_ARG, () -> Win.allocate(-1, 1, c));
        fails(MPI.ERR_ARG, () -> Win.allocate(8, c.rank() == 0 ? 0 : 1, c));
        Win win = Win.allocate(0, c);
        win.Fence();
        win.Put(new byte[0], c.rank());
        fails(MPI.ERR_RMA_RANGE, () -> win.Put(new byte[1], c.rank()));
        win.Fence();
        win.free();
    }
}
