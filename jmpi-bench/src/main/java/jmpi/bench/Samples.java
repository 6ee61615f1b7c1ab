package jmpi.bench;

import java.util.Arrays;
import jmpi.Comm;

/** Timing of an operation every rank takes part in, and the slowest rank's figures, for the A/B benchmarks. */
final class Samples {
    private Samples() {
    }

    /** Runs op count times, each time into samples from index from (nanoseconds). */
    static void time(Runnable op, long[] samples, int from, int count) {
        for (int i = from; i < from + count; i++) {
            long t = System.nanoTime();
            op.run();
            samples[i] = System.nanoTime() - t;
        }
    }

    /** The largest median and p99 (microseconds) over the ranks of comm, on its rank 0; sorts samples. */
    static double[] slowest(Comm comm, long[] samples) {
        Arrays.sort(samples);
        double[] mine = {Units.median(samples) / 1e3, Units.percentile(samples, 99) / 1e3};
        double[] all = new double[2 * comm.size()];
        comm.Gather(mine, all, 0);
        for (int r = 0; r < comm.size(); r++) {
            mine[0] = Math.max(mine[0], all[2 * r]);
            mine[1] = Math.max(mine[1], all[2 * r + 1]);
        }
        return mine;
    }
}
