package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import jmpi.shared.SharedCounter;
import jmpi.shared.SharedLock;
import jmpi.testing.MPITesting;
import org.junit.jupiter.api.Test;

/**
 * Random interleavings of counter additions and lock use (lock, tryLock, timed tryLock, reentry)
 * from 1 to 5 ranks: the counter's total is exact, and no two ranks ever hold the lock at once.
 */
class SharedStatePropertiesTest {
    private static final int STEPS = 40;
    /** Set by whoever is in the critical section; found set by a second holder. */
    private static final AtomicBoolean IN_SECTION = new AtomicBoolean();
    private static final AtomicInteger ENTERED = new AtomicInteger();
    private static final AtomicInteger OVERLAPS = new AtomicInteger();
    /** Counted without atomicity inside the section: only mutual exclusion keeps it exact. */
    private static int plainCount;

    /** What one rank adds to the counter in a run: its random steps replayed. */
    private static long addsOf(long seed, int rank) {
        Random r = new Random(seed * 31 + rank);
        long sum = 0;
        for (int i = 0; i < STEPS; i++) {
            int step = r.nextInt(4);
            int x = r.nextInt(200) - 50;
            if (step == 0) {
                sum += x;
            }
        }
        return sum;
    }

    private static void section() {
        if (IN_SECTION.getAndSet(true)) {
            OVERLAPS.incrementAndGet();
        }
        ENTERED.incrementAndGet();
        int seen = plainCount;
        Thread.yield();
        plainCount = seen + 1;
        IN_SECTION.set(false);
    }

    @Test
    void countsAreExactAndTheLockHasOneHolder() {
        qt().withExamples(15).withShrinkCycles(5).forAll(integers().between(1, 5), longs().all())
                .checkAssert((n, seed) -> {
                    ENTERED.set(0);
                    OVERLAPS.set(0);
                    plainCount = 0;
                    long expected = 0;
                    for (int rank = 0; rank < n; rank++) {
                        expected += addsOf(seed, rank);
                    }
                    long want = expected;
                    MPITesting.run(n, comm -> {
                        Random r = new Random(seed * 31 + comm.rank());
                        SharedCounter c = comm.counter("total");
                        SharedLock lock = comm.lock("section");
                        for (int i = 0; i < STEPS; i++) {
                            int step = r.nextInt(4);
                            int x = r.nextInt(200) - 50;
                            switch (step) {
                                case 0 -> c.addAndGet(x);
                                case 1 -> {
                                    lock.lock();
                                    try {
                                        section();
                                        if (x % 2 == 0) {
                                            lock.lock();
                                            section();
                                            lock.unlock();
                                        }
                                    } finally {
                                        lock.unlock();
                                    }
                                }
                                case 2 -> {
                                    if (lock.tryLock()) {
                                        try {
                                            section();
                                        } finally {
                                            lock.unlock();
                                        }
                                    }
                                }
                                default -> {
                                    if (lock.tryLock(Math.abs(x) % 5, TimeUnit.MILLISECONDS)) {
                                        try {
                                            section();
                                        } finally {
                                            lock.unlock();
                                        }
                                    }
                                }
                            }
                        }
                        comm.barrier();
                        assertEquals(want, c.get(), "the counter after every rank's additions");
                        assertFalse(lock.isHeldByCurrentThread());
                    });
                    assertEquals(0, OVERLAPS.get(), "times two ranks held the lock at once");
                    assertEquals(ENTERED.get(), plainCount, "sections counted without atomicity");
                });
    }
}
