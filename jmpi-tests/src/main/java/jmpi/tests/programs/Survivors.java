package jmpi.tests.programs;

import java.util.Arrays;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.ProcessFailedException;

/**
 * A job that loses a rank and goes on, for {@code jmpirun --tolerate-failures}. Modes:
 * <ul>
 * <li>{@code revoke}: rank 3 of 4 halts; rank 0 learns of it from a receive and revokes the world;
 * ranks 1 and 2, each waiting for a message nobody sends, learn of the revocation; then every
 * survivor agrees, shrinks, and sums over the new communicator.</li>
 * <li>{@code ack}: rank 2 of 3 halts; rank 0's receive from ANY_SOURCE fails, and works again once
 * rank 0 has acknowledged the failure, taking rank 1's message.</li>
 * <li>{@code agree ROUNDS VICTIM ROUND SEED}: every rank agrees ROUNDS times on flags drawn from
 * SEED; the VICTIM halts at round ROUND, just after starting its Agree there.</li>
 * </ul>
 * Each survivor prints {@code R<rank>: ...} lines that the test compares.
 */
public final class Survivors {
    private Survivors() {
    }

    public static void main(String[] args) throws Exception {
        MPI.Init();
        if (args[0].equals("revoke")) {
            revoke(MPI.COMM_WORLD);
        } else if (args[0].equals("ack")) {
            ack(MPI.COMM_WORLD);
        } else {
            agree(MPI.COMM_WORLD, Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Long.parseLong(args[4]));
        }
        MPI.Finalize();
    }

    private static void revoke(Comm world) {
        int r = world.rank();
        world.barrier();
        if (r == 3) {
            Runtime.getRuntime().halt(Dying.KILLED);
        }
        if (r == 0) {
            try {
                world.recv(3, 0);
                System.out.println("R0: received from a dead rank");
            } catch (ProcessFailedException e) {
                System.out.println("R0: learned that rank " + e.failedRank() + " failed");
            }
            world.Revoke();
        } else {
            try {
                world.recv(r == 1 ? 2 : 1, 7);
                System.out.println("R" + r + ": received a message nobody sent");
            } catch (MPIException e) {
                System.out.println("R" + r + ": pending recv failed with class " + e.getErrorClass());
            }
        }
        try {
            world.barrier();
            System.out.println("R" + r + ": a barrier worked on the revoked communicator");
        } catch (MPIException e) {
            System.out.println("R" + r + ": later barrier failed with class " + e.getErrorClass());
        }
        int agreed = world.Agree(r == 1 ? 0b110 : 0b111);
        Comm survivors = world.Shrink();
        int sum = survivors.allreduce(survivors.rank() + 1);
        System.out.println("R" + r + ": agreed " + agreed + ", failed " + Arrays.toString(world.Get_failed_ranks()) + " (" + world.Get_failed().size() + ")"
                + ", revoked " + world.Is_revoked() + ", shrunk to " + survivors.size() + " as rank "
                + survivors.rank() + ", sum " + sum);
        survivors.Free();
    }

    private static void ack(Comm world) {
        int r = world.rank();
        world.barrier();
        if (r == 2) {
            Runtime.getRuntime().halt(Dying.KILLED);
        }
        if (r == 0) {
            try {
                world.recv(MPI.ANY_SOURCE, 5);
                System.out.println("R0: received from nobody");
            } catch (ProcessFailedException e) {
                System.out.println("R0: any-source recv failed for rank " + e.failedRank());
            }
            int acked = world.Ack_failed();
            System.out.println("R0: acknowledged " + acked + " of " + Arrays.toString(world.Get_failed_ranks()));
            world.send("go", 1, 6);
            System.out.println("R0: then received " + world.recv(MPI.ANY_SOURCE, 5));
        } else {
            world.recv(0, 6);
            world.send("hello", 0, 5);
            System.out.println("R1: sent");
        }
    }

    private static void agree(Comm world, int rounds, int victim, int round, long seed) throws InterruptedException {
        int r = world.rank();
        for (int i = 0; i < rounds; i++) {
            int flag = flag(seed, r, i);
            if (r == victim && i == round) {
                // dies while its Agree is under way: the survivors must still answer alike
                Thread t = new Thread(() -> world.Agree(flag));
                t.setDaemon(true);
                t.start();
                Thread.sleep(seed % 4);
                Runtime.getRuntime().halt(Dying.KILLED);
            }
            System.out.println("R" + r + ": round " + i + " agreed " + world.Agree(flag));
        }
    }

    /** A rank's flag at a round: mostly ones, so that the AND keeps bits worth comparing. */
    public static int flag(long seed, int rank, int round) {
        long h = seed * 0x9E3779B97F4A7C15L + rank * 0xBF58476D1CE4E5B9L + round * 0x94D049BB133111EBL;
        h ^= h >>> 31;
        return (int) (h | (h >>> 17) | (h >>> 33)) & 0xff;
    }
}
