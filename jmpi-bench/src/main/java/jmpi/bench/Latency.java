package jmpi.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import jmpi.Comm;
import jmpi.MPI;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Latency of small operations: barrier, allreduce of one int, and ping-pong between ranks 0 and 1. */
@Command(name = "latency", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Times barrier, allreduce (object and buffer) and ping-pong; rank 0 prints median, "
                + "p99 and mean in microseconds. Collectives report the slowest rank; ping-pong is the round trip seen by rank 0.")
public final class Latency implements Callable<Integer> {
    private static final int TAG = 7;

    // the JIT of every rank's JVM settles only after some seconds when four ranks share two cores:
    // timed too early, a barrier measures the compilers (300 us after 1,000 iterations, 150 after 20,000)
    @Option(names = "--warmup", defaultValue = "20000", description = "untimed iterations of each small operation (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--iters", defaultValue = "5000", description = "timed iterations of each small operation (default: ${DEFAULT-VALUE})")
    int iters;

    @Option(names = "--large-warmup", defaultValue = "50", description = "untimed round trips of the large ping-pong (default: ${DEFAULT-VALUE})")
    int largeWarmup;

    @Option(names = "--large-iters", defaultValue = "200", description = "timed round trips of the large ping-pong (default: ${DEFAULT-VALUE})")
    int largeIters;

    @Option(names = "--large-size", defaultValue = "4194304", description = "bytes of the large ping-pong (default: ${DEFAULT-VALUE})")
    int largeSize;

    private Comm comm;
    private final List<Result> results = new ArrayList<>();

    /** One timed operation: its figures on rank 0's side of the report. */
    private record Result(String name, long bytes, int iters, double medianUs, double p99Us, double meanUs,
            double[] medianUsPerRank) {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Latency()).execute(args));
    }

    @Override
    public Integer call() {
        if (warmup < 0 || iters < 1 || largeWarmup < 0 || largeIters < 1 || largeSize < 1) {
            System.err.println("latency: warm-ups must not be negative; iterations and size must be positive");
            return 2;
        }
        comm = MPI.COMM_WORLD;

        collective("barrier", 0, () -> comm.barrier());
        Integer one = 1;
        collective("allreduce (object)", 4, () -> comm.allreduce(one));
        int[] send = {1};
        int[] recv = new int[1];
        collective("Allreduce (int[1])", 4, () -> comm.Allreduce(send, recv));
        byte[] eachOut = new byte[8 * comm.size()];
        byte[] eachIn = new byte[8 * comm.size()];
        collective("Alltoall (8 B each)", 8, () -> comm.Alltoall(eachOut, eachIn));
        if (comm.size() >= 2) {
            pingPong("ping-pong 8 B", 8, warmup, iters);
            pingPong("ping-pong " + sizeName(largeSize), largeSize, largeWarmup, largeIters);
        }

        if (comm.rank() == 0) {
            report();
        }
        MPI.Finalize();
        return 0;
    }

    /** Times an operation every rank takes part in; the report takes the slowest rank's figures. */
    private void collective(String name, long bytes, Runnable op) {
        comm.barrier();
        for (int i = 0; i < warmup; i++) {
            op.run();
        }
        comm.barrier();
        long[] samples = new long[iters];
        for (int i = 0; i < iters; i++) {
            long t = System.nanoTime();
            op.run();
            samples[i] = System.nanoTime() - t;
        }
        record(name, bytes, iters, samples, true);
    }

    /** Rank 0 sends, rank 1 sends it back; rank 0 times each round trip, other ranks wait. */
    private void pingPong(String name, int bytes, int warm, int timed) {
        byte[] buf = new byte[bytes];
        long[] samples = new long[comm.rank() == 0 ? timed : 0];
        comm.barrier();
        for (int i = 0; i < warm + timed; i++) {
            long t = System.nanoTime();
            if (comm.rank() == 0) {
                comm.Send(buf, 1, TAG);
                comm.Recv(buf, 1, TAG);
                if (i >= warm) {
                    samples[i - warm] = System.nanoTime() - t;
                }
            } else if (comm.rank() == 1) {
                comm.Recv(buf, 0, TAG);
                comm.Send(buf, 0, TAG);
            } else {
                break;
            }
        }
        record(name, bytes, timed, samples, false);
    }

    /** Gathers every rank's median, p99 and mean (microseconds) to rank 0 and keeps the reported ones. */
    private void record(String name, long bytes, int n, long[] samples, boolean slowestRank) {
        Arrays.sort(samples);
        // the mean is what a stream of operations sees: the rare slow one counts in full
        double[] mine = {Units.median(samples) / 1e3, Units.percentile(samples, 99) / 1e3, mean(samples) / 1e3};
        double[] all = new double[3 * comm.size()];
        comm.Gather(mine, all, 0);
        if (comm.rank() != 0) {
            return;
        }
        double[] medians = new double[comm.size()];
        double median = mine[0];
        double p99 = mine[1];
        double mean = mine[2];
        for (int r = 0; r < comm.size(); r++) {
            medians[r] = all[3 * r];
            if (slowestRank) {
                median = Math.max(median, all[3 * r]);
                p99 = Math.max(p99, all[3 * r + 1]);
                mean = Math.max(mean, all[3 * r + 2]);
            }
        }
        results.add(new Result(name, bytes, n, median, p99, mean, medians));
    }

    private static double mean(long[] samples) {
        double sum = 0;
        for (long s : samples) {
            sum += s;
        }
        return samples.length == 0 ? 0 : sum / samples.length;
    }

    private void report() {
        System.out.printf(Locale.ROOT, "Latency(ranks=%d, warmup=%d, iters=%d, large_warmup=%d, large_iters=%d, "
                + "large_size=%d)%n", comm.size(), warmup, iters, largeWarmup, largeIters, largeSize);
        System.out.printf(Locale.ROOT, "%-22s %8s %12s %12s %12s%n", "operation", "iters", "median us", "p99 us",
                "mean us");
        StringBuilder list = new StringBuilder("[");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%-22s %8d %12.1f %12.1f %12.1f%n", r.name(), r.iters(), r.medianUs(),
                    r.p99Us(), r.meanUs());
            if (list.length() > 1) {
                list.append(',');
            }
            list.append(new Json()
                    .put("op", r.name())
                    .put("bytes", r.bytes())
                    .put("iters", r.iters())
                    .put("median_us", r.medianUs())
                    .put("p99_us", r.p99Us())
                    .put("mean_us", r.meanUs())
                    .put("median_us_per_rank", r.medianUsPerRank()));
        }
        list.append(']');
        System.out.println(new Json()
                .put("bench", "latency")
                .put("ranks", comm.size())
                .put("warmup", warmup)
                .put("iters", iters)
                .put("large_warmup", largeWarmup)
                .put("large_iters", largeIters)
                .put("large_size", largeSize)
                .raw("results", list.toString()));
    }

    private static String sizeName(int bytes) {
        if (bytes % (1 << 20) == 0) {
            return bytes / (1 << 20) + " MiB";
        }
        if (bytes % (1 << 10) == 0) {
            return bytes / (1 << 10) + " KiB";
        }
        return bytes + " B";
    }
}
