package jmpi.tests.programs;

import jmpi.Comm;
import jmpi.Config;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Op;

/**
 * Buffers of hundreds of MiB through every path: a broadcast, a message, an in-place reduction, and
 * one message above JMPI_SERIAL_SIZE, which must fail with a clear error and leave the job working.
 * Usage: {@code LargeBuffers MiB}.
 */
public final class LargeBuffers {
    private LargeBuffers() {
    }

    public static void main(String[] args) {
        int mib = Integer.parseInt(args[0]);
        Comm c = MPI.COMM_WORLD;
        int rank = c.rank();
        int last = c.size() - 1;

        byte[] big = new byte[mib << 20];
        if (rank == 0) {
            for (int i = 0; i < big.length; i++) {
                big[i] = pattern(i);
            }
        }
        c.Bcast(big, 0);
        for (int i = 0; i < big.length; i++) {
            if (big[i] != pattern(i)) {
                throw new AssertionError("rank " + rank + ": bcast byte " + i + " is " + big[i]);
            }
        }
        System.out.println("rank " + rank + ": bcast of " + mib + " MiB intact");
        big = null;

        double[] d = new double[(mib << 20) / 16];
        if (rank == last) {
            for (int i = 0; i < d.length; i++) {
                d[i] = i * 0.5;
            }
            c.Send(d, 0, 7);
        } else if (rank == 0) {
            c.Recv(d, last, 7);
            for (int i = 0; i < d.length; i++) {
                if (d[i] != i * 0.5) {
                    throw new AssertionError("message element " + i + " is " + d[i]);
                }
            }
            System.out.println("rank 0: message of " + (d.length * 8L >> 20) + " MiB intact");
        }
        d = null;

        int[] v = new int[(mib << 20) / 16];
        java.util.Arrays.fill(v, rank + 1);
        c.Allreduce(MPI.IN_PLACE, v, Op.SUM);
        int expected = c.size() * (c.size() + 1) / 2;
        for (int i = 0; i < v.length; i++) {
            if (v[i] != expected) {
                throw new AssertionError("allreduce element " + i + " is " + v[i]);
            }
        }
        System.out.println("rank " + rank + ": allreduce of " + (v.length * 4L >> 20) + " MiB intact");
        v = null;

        long limit = Config.fromEnvironment().serialSize();
        if (rank == 0 && limit < Integer.MAX_VALUE - 1024) {
            try {
                c.Send(new byte[(int) limit + 1], last, 8);
                throw new AssertionError("a message above JMPI_SERIAL_SIZE was sent");
            } catch (MPIException e) {
                System.out.println("rank 0: oversize refused (error class " + e.getErrorClass() + "): "
                        + e.getMessage());
            }
        }
        c.barrier();
        System.out.println("rank " + rank + ": done");
        MPI.Finalize();
    }

    private static byte pattern(int i) {
        return (byte) (i * 31 + (i >>> 16));
    }
}
