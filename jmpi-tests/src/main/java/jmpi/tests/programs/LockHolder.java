package jmpi.tests.programs;

import jmpi.Comm;
import jmpi.MPI;

/**
 * Rank 1 of a job of two whose rank 0 is a test: takes shared lock "guard", tells rank 0 so
 * (ssend: it is received), waits for word from rank 0, then dies holding the lock, the way args[0]
 * names ({@link Dying}).
 */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) {
        Dying way = Dying.named(args[0]);
        Comm c = MPI.COMM_WORLD;
        c.lock("guard").lock();
        c.ssend("holding", 0);
        c.recv(0);
        way.now(1);
    }
}
