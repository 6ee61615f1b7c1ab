package jmpi.bench;

import jmpi.MPI;

/** A job that only calls barrier: what jmpirun's start-up and shutdown cost. */
public final class BarrierOnly {
    private BarrierOnly() {
    }

    public static void main(String[] args) {
        MPI.COMM_WORLD.barrier();
        MPI.Finalize();
    }
}
