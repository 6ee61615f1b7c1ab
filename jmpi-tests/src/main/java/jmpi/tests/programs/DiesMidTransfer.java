package jmpi.tests.programs;

import jmpi.Config;
import jmpi.Session;

/**
 * A rank that dies mid-transfer: after a barrier with the rest of the job it starts moving MIB MiB of
 * longs and halts with status 5 while they are on their way, so that a test can check what the other
 * ranks' operations report. As {@code send}, a message to rank 1, and it halts once part has gone (its
 * list of waits says how many bytes are sent); as {@code alltoall}, its block of MIB MiB to every rank
 * in a streamed Alltoall, and it halts as soon as the call returns, some or all of its chunks out; as
 * {@code nothing}, it halts at once, while the others' Alltoall has begun.
 *
 * <p>Arguments: {@code [send|alltoall|nothing] [MIB]}, default {@code send 256}. Prints {@code rank N:
 * leaving mid-transfer} before it halts.
 */
public final class DiesMidTransfer {
    private DiesMidTransfer() {
    }

    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "send";
        int mib = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        Session s = Session.connect(Config.fromEnvironment());
        int blocks = mode.equals("send") ? 1 : s.world().size();
        long[] big = new long[blocks * (mib << 17)];
        java.util.Arrays.fill(big, 7L);
        s.world().barrier();
        if (mode.equals("alltoall")) {
            s.world().Ialltoall(big, new long[big.length]);
        } else if (mode.equals("send")) {
            s.world().Isend(big, 1, 0);
            while (s.waits().stream().noneMatch(w -> w.matches(".*: [1-9][0-9]* of [0-9]+ bytes sent"))) {
                Thread.onSpinWait();
            }
        }
        System.out.println("rank " + s.world().rank() + ": leaving mid-transfer");
        System.out.flush();
        Runtime.getRuntime().halt(5);
    }
}
