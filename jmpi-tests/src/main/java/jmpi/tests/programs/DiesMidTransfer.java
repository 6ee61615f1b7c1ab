package jmpi.tests.programs;

import jmpi.Config;
import jmpi.Session;

/**
 * A sender that dies mid-transfer: after a barrier with the rest of the job it sends a message of
 * MIB MiB of longs to rank 1 and halts with status 5 as soon as part of the message has gone (its
 * list of waits says how many bytes are sent), so that a test can check what rank 1's receive reports.
 *
 * <p>Arguments: {@code [MIB]}, default 256. Prints {@code rank N: leaving mid-transfer} before it halts.
 */
public final class DiesMidTransfer {
    private DiesMidTransfer() {
    }

    public static void main(String[] args) {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        Session s = Session.connect(Config.fromEnvironment());
        long[] big = new long[mib << 17];
        java.util.Arrays.fill(big, 7L);
        s.world().barrier();
        s.world().Isend(big, 1, 0);
        while (s.waits().stream().noneMatch(w -> w.matches(".*: [1-9][0-9]* of [0-9]+ bytes sent"))) {
            Thread.onSpinWait();
        }
        System.out.println("rank " + s.world().rank() + ": leaving mid-transfer");
        System.out.flush();
        Runtime.getRuntime().halt(5);
    }
}
