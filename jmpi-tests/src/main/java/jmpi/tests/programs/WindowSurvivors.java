package jmpi.tests.programs;

import jmpi.Comm;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.ProcessFailedException;
import jmpi.Win;

/**
 * A window that loses a rank, for {@code jmpirun --tolerate-failures} with 4 ranks: ranks 1 and 2
 * hold a shared lock of rank 3; rank 3 takes an exclusive lock of rank 0's window, tells every other
 * rank so, and halts holding it. Rank 1 then flushes a put toward rank 3 and rank 2 gets from it
 * (both fail), and every survivor adds 1 to rank 0's counter ROUNDS times under an exclusive lock,
 * which they are granted once rank 0's target has released the dead rank's. Rank 0 prints the count,
 * and every survivor's fence fails. Each survivor prints {@code R<rank>: ...} lines.
 */
public final class WindowSurvivors {
    private static final int VICTIM = 3;

    private WindowSurvivors() {
    }

    public static void main(String[] args) {
        MPI.Init();
        int rounds = Integer.parseInt(args[0]);
        Comm world = MPI.COMM_WORLD;
        int r = world.rank();
        Win win = Win.allocate(8, 8, world);
        if (r == 1 || r == 2) {
            win.Lock(MPI.LOCK_SHARED, VICTIM);
        }
        world.barrier();
        if (r == VICTIM) {
            win.Lock(MPI.LOCK_EXCLUSIVE, 0);
            for (int other = 0; other < VICTIM; other++) {
                world.issend("locked", other, 1).waitFor(); // matched: the others know before it halts
            }
            Runtime.getRuntime().halt(Dying.KILLED);
        }
        System.out.println("R" + r + ": rank 3 says " + world.recv(VICTIM, 1));
        if (r == 1 || r == 2) {
            try {
                world.recv(VICTIM, 9); // nobody sends it: this waits for rank 3's failure
            } catch (ProcessFailedException e) {
                System.out.println("R" + r + ": rank " + e.failedRank() + " failed");
            }
            towardTheDead(win, r);
        }
        long[] one = {1};
        long[] before = new long[1];
        for (int i = 0; i < rounds; i++) {
            win.Lock(MPI.LOCK_EXCLUSIVE, 0);
            win.Fetch_and_op(one, before, 0, 0, MPI.SUM);
            win.Unlock(0);
        }
        if (r == 0) {
            world.recv(1, 2);
            world.recv(2, 2);
            long[] count = new long[1];
            win.Lock(MPI.LOCK_SHARED, 0);
            win.Rget(count, 0, 0).waitFor();
            win.Unlock(0);
            System.out.println("R0: count " + count[0]);
        } else {
            world.send("done", 0, 2);
        }
        try {
            win.Fence(0);
            System.out.println("R" + r + ": fence worked with a dead member");
        } catch (MPIException e) {
            System.out.println("R" + r + ": fence failed with class " + e.getErrorClass());
        }
        MPI.Finalize();
    }

    /** Rank 1 flushes a put, rank 2 gets: toward the dead rank, each fails, and so does the unlock. */
    private static void towardTheDead(Win win, int r) {
        long[] data = {r};
        try {
            if (r == 1) {
                win.Rput(data, VICTIM, 0);
                win.Flush(VICTIM);
            } else {
                win.Rget(data, VICTIM, 0).waitFor();
            }
            System.out.println("R" + r + ": an operation toward the dead rank worked");
        } catch (ProcessFailedException e) {
            System.out.println("R" + r + ": " + (r == 1 ? "flush" : "get") + " failed for rank " + e.failedRank());
        }
        try {
            win.Unlock(VICTIM);
            System.out.println("R" + r + ": unlock of the dead rank worked");
        } catch (ProcessFailedException e) {
            System.out.println("R" + r + ": unlock failed for rank " + e.failedRank());
        }
    }
}
