package jmpi.tests.programs;

import jmpi.Comm;
import jmpi.MPI;

/**
 * Rank 1 aborts the job with status 7 after a barrier, while every other rank waits for a message
 * from it that never comes: the job must end, not hang.
 */
public final class Aborting {
    private Aborting() {
    }

    public static void main(String[] args) {
        Comm c = MPI.COMM_WORLD;
        c.barrier();
        if (c.rank() == 1) {
            MPI.Abort(7);
            System.out.println("rank 1 is still here after Abort");
        } else {
            Object never = c.recv(1, 3);
            System.out.println("rank " + c.rank() + " received " + never);
        }
        MPI.Finalize();
    }
}
