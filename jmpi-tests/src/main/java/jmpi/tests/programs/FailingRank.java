package jmpi.tests.programs;

import jmpi.Comm;
import jmpi.MPI;

/** Rank 1 exits with code 3 after a barrier; the others wait for it in the next barrier. */
public final class FailingRank {
    private FailingRank() {
    }

    public static void main(String[] args) {
        Comm c = MPI.COMM_WORLD;
        c.barrier();
        if (c.rank() == 1) {
            System.out.println("rank 1 leaving");
            System.out.flush();
            Runtime.getRuntime().halt(3);
        }
        c.barrier();
        MPI.Finalize();
    }
}
