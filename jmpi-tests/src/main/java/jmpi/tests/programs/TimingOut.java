package jmpi.tests.programs;

import jmpi.Comm;
import jmpi.MPI;
import jmpi.MPIException;

/**
 * A hang that JMPI_OP_TIMEOUT ends: rank 0 waits for a message from rank 1 (tag 5) that never comes,
 * or (args[1]) for the receive of what it sends rank 1 with tag 5: "ssend" an ssend, "send-large" a
 * standard send larger than JMPI_EAGER; rank 1 meanwhile waits in a collective that rank 0 never
 * calls (args[0]: barrier or bcast, from root 0).
 * Each does so twice, so that while one fails the other still waits; each failure is printed, and
 * the ranks then finalize.
 */
public final class TimingOut {
    private TimingOut() {
    }

    public static void main(String[] args) {
        Comm c = MPI.COMM_WORLD;
        String collective = args.length > 0 ? args[0] : "barrier";
        String wait = args.length > 1 ? args[1] : "recv";
        // both start waiting at once
        c.barrier();
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                if (c.rank() == 0 && "ssend".equals(wait)) {
                    c.ssend("unreceived", 1, 5);
                } else if (c.rank() == 0 && "send-large".equals(wait)) {
                    c.Send(new byte[1 << 20], 1, 5); // above the default JMPI_EAGER of 64 KiB
                } else if (c.rank() == 0) {
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
