package jmpi;

import java.nio.IntBuffer;
import java.util.Arrays;

/**
 * The collective examples of the API's Javadoc ({@code {@snippet class=... region=...}}), compiled here
 * so that they stay true to the API.
 */
final class CollectiveSnippets {
    private CollectiveSnippets() {
    }

    static double allreduce() {
        // @start region="allreduce"
        Comm comm = MPI.COMM_WORLD;
        int rank = comm.rank();
        int sum = comm.allreduce(rank);                       // 0 + 1 + ... + (size - 1), on every rank
        double max = comm.allreduce(Math.sqrt(rank), MPI.MAX);
        // @end
        return sum + max;
    }

    static void persistent(Comm comm, int steps) {
        // @start region="persistent"
        double[] local = new double[64], global = new double[64];
        Prequest<Void> sum = comm.Allreduce_init(local, global, Op.SUM);
        for (int step = 0; step < steps; step++) {
            Arrays.fill(local, step);      // the buffers are read at each start
            sum.start();
            sum.waitFor();
        }
        sum.free();
        // @end
    }

    static Op bufferOp() {
        // @start region="buffer-op"
        Op mul = Op.create("mul", (IntBuffer in, IntBuffer inout, int n) -> {
            for (int i = 0; i < n; i++) {
                inout.put(i, in.get(i) * inout.get(i));
            }
        }, true);
        // @end
        return mul;
    }
}
