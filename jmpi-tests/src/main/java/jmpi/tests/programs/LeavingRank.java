package jmpi.tests.programs;

import jmpi.Comm;
import jmpi.MPI;
import jmpi.ProcessFailedException;

/**
 * Every rank meets in a barrier; then rank 1 leaves without finalizing, the way args[0] says
 * ({@code exit} with status args[1], {@code halt}, {@code throw}), while the others wait for it in a
 * second barrier, which must fail: nothing of rank 1 may complete it.
 */
public final class LeavingRank {
    private LeavingRank() {
    }

    public static void main(String[] args) {
        Comm c = MPI.COMM_WORLD;
        c.barrier();
        if (c.rank() == 1) {
            System.out.println("rank 1 leaving");
            System.out.flush();
            switch (args[0]) {
                case "exit" -> System.exit(args.length > 1 ? Integer.parseInt(args[1]) : 0);
                case "halt" -> Runtime.getRuntime().halt(0);
                case "throw" -> throw new IllegalStateException("thrown out of main by rank 1");
                default -> throw new IllegalArgumentException("exit, halt or throw, not " + args[0]);
            }
        }
        try {
            c.barrier();
            System.out.println("rank " + c.rank() + ": barrier completed");
        } catch (ProcessFailedException e) {
            System.out.println("rank " + c.rank() + ": barrier failed, rank " + e.failedRank() + " failed");
        }
        System.out.flush();
        MPI.Finalize();
    }
}
