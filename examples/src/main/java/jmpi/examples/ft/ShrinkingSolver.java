package jmpi.examples.ft;

import jmpi.Comm;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Op;

/**
 * An iterative computation that survives the loss of a rank: each step splits its blocks among the
 * ranks and sums their results; when a step fails (a rank died), the survivors agree that it
 * failed, shrink the communicator, and do the step again among themselves. The total is checked
 * against a run on one rank.
 *
 * <p>Arguments: steps (default 8), blocks per step (default 24), the world rank that crashes
 * (default: the last, when there are 3 ranks or more; -1 for none) and the step at which it does
 * (default 3). Run it with {@code jmpirun --tolerate-failures}, which keeps the job going.
 */
public final class ShrinkingSolver {
    private ShrinkingSolver() {
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int blocks = args.length > 1 ? Integer.parseInt(args[1]) : 24;
        int worldRank = MPI.COMM_WORLD.rank();
        int worldSize = MPI.COMM_WORLD.size();
        int victim = args.length > 2 ? Integer.parseInt(args[2]) : worldSize >= 3 ? worldSize - 1 : -1;
        int crashAt = args.length > 3 ? Integer.parseInt(args[3]) : 3;

        Comm comm = MPI.COMM_WORLD.Dup();
        long total = 0;
        int shrinks = 0;
        for (int step = 0; step < steps; ) {
            if (worldRank == victim && step == crashAt) {
                // a crash, as a node's loss would be: no goodbye, no Finalize
                Runtime.getRuntime().halt(3);
            }
            long part = work(step, blocks, comm.rank(), comm.size());
            long sum = 0;
            int done;
            try {
                sum = comm.allreduce(part, Op.SUM);
                done = 1;
            } catch (MPIException e) {
                // a member failed, or another survivor revoked the communicator on finding it out
                comm.Revoke();
                done = 0;
            }
            // every survivor takes the same decision, even if some completed the sum and some did not
            if (comm.Agree(done) == 1) {
                total += sum;
                step++;
            } else {
                comm.Revoke();
                Comm smaller = comm.Shrink();
                comm.Free();
                comm = smaller;
                shrinks++;
            }
        }
        long expected = 0;
        for (int step = 0; step < steps; step++) {
            expected += work(step, blocks, 0, 1);
        }
        System.out.println("R" + worldRank + ": total " + total + (total == expected ? " right" : " WRONG, expected "
                + expected) + " after " + shrinks + " shrink(s), on " + comm.size() + " rank(s)");
        comm.Free();
        MPI.Finalize();
    }

    /** This rank's share of a step: the blocks rank, rank + size, ..., each a small sum of its own. */
    static long work(int step, int blocks, int rank, int size) {
        long sum = 0;
        for (int b = rank; b < blocks; b += size) {
            for (int i = 0; i < 1000; i++) {
                sum += ((long) step * blocks + b) * 31 + i % 7;
            }
        }
        return sum;
    }
}
