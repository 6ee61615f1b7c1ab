package jmpi.tests.programs;

import jmpi.Comm;
import jmpi.MPI;
import jmpi.shared.SharedSemaphore;

/**
 * Rank 1 of a job of two whose rank 0 is a test: takes shared lock "guard" and 3 of the 3 permits of
 * semaphore "slots", gives one back, tells rank 0 so (ssend: it is received), waits for word from
 * rank 0, then dies holding the lock and 2 permits, the way args[0] names ({@link Dying}).
 */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) {
        Dying way = Dying.named(args[0]);
        Comm c = MPI.COMM_WORLD;
        c.lock("guard").lock();
        SharedSemaphore slots = c.semaphore("slots", 3);
        if (!slots.tryAcquire(3)) {
            throw new IllegalStateException("semaphore \"slots\" should have had its 3 permits free");
        }
        slots.release(1);
        c.ssend("holding", 0);
        c.recv(0);
        way.now(1);
    }
}
