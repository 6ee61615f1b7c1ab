package jmpi.tests.programs;

import jmpi.Comm;
import jmpi.MPI;

/** Every rank says it is ready, then waits for a message that never comes, until it is stopped. */
public final class Waiting {
    private Waiting() {
    }

    public static void main(String[] args) {
        Comm c = MPI.COMM_WORLD;
        c.barrier();
        System.out.println("ready " + c.rank());
        System.out.flush();
        c.recv(MPI.ANY_SOURCE, 12345);
    }
}
