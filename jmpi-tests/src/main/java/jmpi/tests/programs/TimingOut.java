package jmpi.tests.programs;

import jmpi.Comm;
import jmpi.MPI;
import jmpi.MPIException;

/**
 * A hang that JMPI_OP_TIMEOUT ends: rank 0 waits for a message from rank 1 (tag 5) that never comes,
 * as rank 1 waits in a collective that rank 0 never calls (args[0]: barrier or bcast, from root 0).
 * Each does so twice, so that while one fails the other still waits; each failure is printed, and
 * the ranks then finalize.
 */
public final class TimingOut {
    private TimingOut() {
    }

    public static void main(String[] args) {
        Comm c = MPI.COMM_WORLD;
        String collective = args.length > 0 ? args[0] : "barrier";
        // both start waiting at once
        c.barrier();
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                if (c.rank() == 0) {
                    c.recv(1, 5);
                } else if ("bcast".equals(collective)) {
                    c.bcast(null, 0);
                } else {
                    c.barrier();
                }
                System.out.println("rank " + c.rank() + " attempt " + attempt + " completed");
            } catch (MPIException e) {
                System.out.println("rank " + c.rank() + " attempt " + attempt + ": "
                        + (e.errorClass() == MPI.ERR_TIMEOUT ? "ERR_TIMEOUT" : "class " + e.errorClass()) + ": "
                        + e.getMessage());
            }
        }
        System.out.println("rank " + c.rank() + " done");
    }
}
