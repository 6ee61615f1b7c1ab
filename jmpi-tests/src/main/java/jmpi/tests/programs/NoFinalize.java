package jmpi.tests.programs;

import jmpi.Comm;
import jmpi.MPI;

/** Returns from main without MPI.Finalize: the shutdown hook finalizes and every JVM exits. */
public final class NoFinalize {
    private NoFinalize() {
    }

    public static void main(String[] args) {
        Comm c = MPI.COMM_WORLD;
        int sum = c.allreduce(c.rank());
        System.out.println("rank " + c.rank() + " sum " + sum);
    }
}
