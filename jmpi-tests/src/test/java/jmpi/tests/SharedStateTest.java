package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Op;
import jmpi.shared.SharedCounter;
import jmpi.shared.SharedLock;
import jmpi.shared.SharedMap;
import jmpi.shared.SharedSemaphore;
import jmpi.testing.MPITest;
import org.junit.jupiter.api.Test;

/** Shared counters, locks, semaphores and maps, many ranks in one JVM. */
class SharedStateTest {
    private static final AtomicInteger HOLDERS = new AtomicInteger();
    private static final AtomicInteger PERMIT_HOLDERS = new AtomicInteger();

    @MPITest(ranks = {1, 2, 3, 5})
    void countersCountEveryAddOfEveryRank(Comm comm) {
        SharedCounter c = comm.counter("hits");
        for (int i = 0; i < 50; i++) {
            c.incrementAndGet();
        }
        c.addAndGet(comm.rank());
        c.getAndAdd(2);
        c.decrementAndGet();
        comm.barrier();
        int n = comm.size();
        assertEquals(51L * n + (long) n * (n - 1) / 2, c.get());
        assertEquals(0, comm.counter("other").get(), "a counter of another name starts at 0");
        assertEquals(0, comm.Dup().counter("hits").get(), "names are per communicator");
    }

    @MPITest(ranks = {2, 3, 5})
    void aLockHasOneHolderAtATime(Comm comm) throws InterruptedException {
        SharedLock lock = comm.lock("section");
        assertSame(lock, comm.lock("section"), "one lock object per name");
        for (int i = 0; i < 20; i++) {
            boolean mine = i % 3 == 0 ? lock.tryLock(1, TimeUnit.MINUTES) : i % 3 == 1 ? lock.tryLock() : lockNow(lock);
            if (!mine) {
                continue;
            }
            try {
                assertEquals(1, HOLDERS.incrementAndGet(), "two holders of the lock at once");
                assertFalse(lock.previousOwnerFailed());
                lock.lock();
                assertTrue(lock.isHeldByCurrentThread(), "reentered");
                lock.unlock();
                HOLDERS.decrementAndGet();
            } finally {
                lock.unlock();
            }
        }
        assertFalse(lock.isHeldByCurrentThread());
    }

    private static boolean lockNow(SharedLock lock) throws InterruptedException {
        lock.lockInterruptibly();
        return true;
    }

    @MPITest(ranks = 2)
    void unlockingALockNotHeldIsIllegal(Comm comm) {
        SharedLock lock = comm.lock("l");
        assertThrows(IllegalMonitorStateException.class, lock::unlock);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, lock::newCondition);
        assertTrue(e.getMessage().contains("SharedSemaphore"), e.getMessage());
        if (comm.rank() == 0) {
            lock.lock();
        }
        comm.barrier();
        if (comm.rank() == 1) {
            assertThrows(IllegalMonitorStateException.class, lock::unlock, "another rank's hold is not mine");
            assertFalse(lock.tryLock());
        }
        comm.barrier();
        if (comm.rank() == 0) {
            lock.unlock();
        }
    }

    @MPITest(ranks = 2)
    void aTimedTryLockGivesUpAndLeavesNoWaiterBehind(Comm comm) throws InterruptedException {
        SharedLock lock = comm.lock("held");
        if (comm.rank() == 0) {
            lock.lock();
        }
        comm.barrier();
        if (comm.rank() == 1) {
            assertFalse(lock.tryLock(50, TimeUnit.MILLISECONDS));
            comm.send("gave up", 0);
            // had the given-up wait stayed queued, it would hold the lock now and this would never return
            lock.lock();
            lock.unlock();
        } else {
            assertEquals("gave up", comm.recv(1));
            lock.unlock();
        }
    }

    @MPITest(ranks = 2)
    void anInterruptedWaitThrowsAndHoldsNothing(Comm comm) throws Exception {
        SharedLock lock = comm.lock("int");
        if (comm.rank() == 0) {
            lock.lock();
        }
        comm.barrier();
        if (comm.rank() == 1) {
            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, lock::lockInterruptibly);
            assertFalse(Thread.currentThread().isInterrupted());
            Throwable[] thrown = new Throwable[1];
            Thread t = new Thread(() -> {
                try {
                    lock.lockInterruptibly();
                    lock.unlock();
                } catch (Throwable e) {
                    thrown[0] = e;
                }
            });
            t.start();
            t.interrupt();
            t.join(TimeUnit.MINUTES.toMillis(1));
            assertFalse(t.isAlive());
            assertTrue(thrown[0] instanceof InterruptedException, "the waiter got " + thrown[0]);
            comm.send("done", 0);
            lock.lock();
            lock.unlock();
        } else {
            comm.recv(1);
            lock.unlock();
        }
    }

    @MPITest(ranks = {2, 4})
    void aSemaphoreLetsPermitsThroughAndNoMore(Comm comm) throws InterruptedException {
        SharedSemaphore s = comm.semaphore("slots", 2);
        for (int i = 0; i < 10; i++) {
            s.acquire();
            try {
                assertTrue(PERMIT_HOLDERS.incrementAndGet() <= 2, "more holders than permits");
                PERMIT_HOLDERS.decrementAndGet();
            } finally {
                s.release();
            }
        }
        comm.barrier();
        assertEquals(2, s.availablePermits());
        comm.barrier();
        if (comm.rank() == 0) {
            assertTrue(s.tryAcquire(2));
            assertFalse(s.tryAcquire());
            assertFalse(s.tryAcquire(1, 20, TimeUnit.MILLISECONDS));
            s.release(2);
        }
        assertThrows(IllegalArgumentException.class, () -> s.acquire(0));
    }

    @MPITest(ranks = {1, 3})
    void aMapGetsPutsMergesAndRemoves(Comm comm) {
        SharedMap<String, Integer> m = comm.map("m");
        m.merge("sum", comm.rank() + 1, Op.SUM);
        m.merge("max", comm.rank(), Op.MAX);
        m.put("rank" + comm.rank(), comm.rank());
        comm.barrier();
        int n = comm.size();
        assertEquals(n * (n + 1) / 2, m.get("sum"));
        assertEquals(n - 1, m.get("max"));
        assertEquals(2 + n, m.size());
        assertNull(m.get("none"));
        comm.barrier();
        if (comm.rank() == 0) {
            assertEquals(0, m.remove("rank0"));
            assertNull(m.remove("rank0"));
            assertNull(m.put("rank0", 7));
            assertEquals(7, m.put("rank0", 8));
        }
        Op user = Op.create("first", (a, b) -> a, false);
        MPIException e = assertThrows(MPIException.class, () -> m.merge("sum", 1, user));
        assertEquals(MPI.ERR_OP, e.errorClass());
        SharedMap<List<Integer>, String> lists = comm.map("lists");
        lists.put(List.of(1, 2), "a");
        assertEquals("a", lists.get(List.of(1, 2)));
        SharedMap<String, Object> mixed = comm.map("mixed");
        mixed.put("k" + comm.rank(), 1);
        MPIException bad = assertThrows(MPIException.class, () -> mixed.merge("k" + comm.rank(), "x", Op.SUM));
        assertTrue(bad.getMessage().contains("map.merge of \"mixed\""), bad.getMessage());
        assertEquals(1, mixed.get("k" + comm.rank()), "a failed merge changes nothing");
    }

    @Test
    void aNameIsNeeded() {
        jmpi.testing.MPITesting.run(1, comm -> {
            MPIException e = assertThrows(MPIException.class, () -> comm.counter(""));
            assertEquals(MPI.ERR_ARG, e.errorClass());
        });
    }
}
