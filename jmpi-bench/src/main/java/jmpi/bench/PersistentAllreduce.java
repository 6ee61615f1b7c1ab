package jmpi.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.Op;
import jmpi.Prequest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A started persistent allreduce against a fresh one, on small buffers of doubles: the persistent
 * request checks its buffers and chooses its algorithm once, at init; the fresh call does it each time.
 */
@Command(name = "persistent-allreduce", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Times Allreduce against Allreduce_init + start + waitFor on small double[] buffers; rank 0"
                + " prints, per size, the slowest rank's median and p99 in microseconds for each.")
public final class PersistentAllreduce implements Callable<Integer> {

    @Option(names = "--sizes", split = ",", defaultValue = "1,8,64,512",
            description = "elements (doubles) of each buffer, comma-separated (default: ${DEFAULT-VALUE})")
    int[] sizes;

    @Option(names = "--warmup", defaultValue = "10000", description = "untimed iterations of each form per size (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--iters", defaultValue = "10000", description = "timed iterations of each form per size (default: ${DEFAULT-VALUE})")
    int iters;

    @Option(names = "--rounds", defaultValue = "10",
            description = "the timed iterations alternate between the forms in this many rounds (default: ${DEFAULT-VALUE})")
    int rounds;

    private Comm comm;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PersistentAllreduce()).execute(args));
    }

    @Override
    public Integer call() {
        if (warmup < 0 || iters < 1 || rounds < 1 || iters % rounds != 0 || Arrays.stream(sizes).anyMatch(n -> n < 1)) {
            System.err.println("persistent-allreduce: sizes and iterations must be positive, warm-up not negative,"
                    + " and iterations a multiple of rounds");
            return 2;
        }
        comm = MPI.COMM_WORLD;
        if (comm.rank() == 0) {
            System.out.printf(Locale.ROOT, "PersistentAllreduce(ranks=%d, warmup=%d, iters=%d, rounds=%d)%n",
                    comm.size(), warmup, iters, rounds);
            System.out.printf(Locale.ROOT, "%8s %14s %10s %14s %10s %9s%n", "bytes", "fresh median", "p99",
                    "started median", "p99", "ratio");
        }
        for (int n : sizes) {
            measure(n);
        }
        MPI.Finalize();
        return 0;
    }

    private void measure(int n) {
        double[] send = new double[n];
        double[] recv = new double[n];
        Arrays.fill(send, comm.rank());
        Prequest<Void> started = comm.Allreduce_init(send, recv, Op.SUM);
        Runnable fresh = () -> comm.Allreduce(send, recv, Op.SUM);
        Runnable persistent = () -> {
            started.start();
            started.waitFor();
        };
        comm.barrier();
        for (int i = 0; i < warmup; i++) {
            fresh.run();
            persistent.run();
        }
        long[] freshSamples = new long[iters];
        long[] startedSamples = new long[iters];
        int chunk = iters / rounds;
        for (int round = 0; round < rounds; round++) {
            // alternate which form goes first, so that neither always follows the other
            boolean freshFirst = round % 2 == 0;
            comm.barrier();
            Samples.time(freshFirst ? fresh : persistent, freshFirst ? freshSamples : startedSamples, round * chunk,
                    chunk);
            comm.barrier();
            Samples.time(freshFirst ? persistent : fresh, freshFirst ? startedSamples : freshSamples, round * chunk,
                    chunk);
        }
        started.free();
        double[] f = Samples.slowest(comm, freshSamples);
        double[] s = Samples.slowest(comm, startedSamples);
        if (comm.rank() == 0) {
            System.out.printf(Locale.ROOT, "%8d %14.1f %10.1f %14.1f %10.1f %9.3f%n", 8L * n, f[0], f[1], s[0], s[1],
                    s[0] / f[0]);
            System.out.println(new Json()
                    .put("bench", "persistent_allreduce")
                    .put("ranks", comm.size())
                    .put("bytes", 8L * n)
                    .put("iters", iters)
                    .put("fresh_median_us", f[0])
                    .put("fresh_p99_us", f[1])
                    .put("started_median_us", s[0])
                    .put("started_p99_us", s[1]));
        }
    }
}
