package jmpi.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import jmpi.Comm;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How the collectives on the direct data plane grow with the number of ranks: for each N, a job of N
 * ranks in this JVM times each collective and counts the messages each rank sends, through the
 * runtime's JMX counters. In-JVM ranks share the machine's cores, so the growth with N is the figure,
 * not the time itself.
 */
@Command(name = "scaling", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Times barrier, Bcast (small, large), Allreduce (one int, large) and Alltoall (small blocks) "
                + "at each number of ranks, in-JVM ranks on the direct data plane, and prints the time per operation "
                + "(slowest rank) and the messages the busiest rank sent per operation beside the algorithm's promise.")
public final class Scaling implements Callable<Integer> {
    /** Longest a case may take at one N before the run gives up on it. */
    private static final Duration CASE_TIMEOUT = Duration.ofMinutes(5);

    @Option(names = "--ranks", split = ",", defaultValue = "2,4,8,16",
            description = "numbers of ranks (default: ${DEFAULT-VALUE})")
    int[] ranks;

    @Option(names = "--warmup", defaultValue = "300",
            description = "untimed operations of each small case (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--iters", defaultValue = "1000",
            description = "timed operations of each small case (default: ${DEFAULT-VALUE})")
    int iters;

    @Option(names = "--large-warmup", defaultValue = "5",
            description = "untimed operations of each large case (default: ${DEFAULT-VALUE})")
    int largeWarmup;

    @Option(names = "--large-iters", defaultValue = "30",
            description = "timed operations of each large case (default: ${DEFAULT-VALUE})")
    int largeIters;

    @Option(names = "--small-size", defaultValue = "8",
            description = "bytes of the small Bcast (default: ${DEFAULT-VALUE})")
    int smallSize;

    @Option(names = "--large-size", defaultValue = "1048576",
            description = "bytes of the large Bcast and Allreduce, a multiple of 4 (default: ${DEFAULT-VALUE})")
    int largeSize;

    @Option(names = "--block", defaultValue = "8",
            description = "bytes per rank of Alltoall (default: ${DEFAULT-VALUE})")
    int block;

    /** One case at one N: the slowest rank's time and the busiest rank's messages, per operation. */
    private record Row(ScalingCase c, int n, int iters, double usPerOp, double busiestMessagesPerOp,
                       ScalingCase.Promise promise) {
    }

    /** What one rank measured of one case. */
    private record Measured(long nanos, long messages) {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Scaling()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (warmup < 0 || iters < 1 || largeWarmup < 0 || largeIters < 1 || smallSize < 1 || block < 1
                || largeSize < 4 || largeSize % 4 != 0 || ranks.length == 0) {
            System.err.println("scaling: warm-ups must not be negative, iterations and sizes must be positive, "
                    + "the large size a multiple of 4");
            return 2;
        }
        for (int n : ranks) {
            if (n < 2) {
                System.err.println("scaling: " + n + " ranks: at least 2, so that messages go between ranks");
                return 2;
            }
        }
        // the runtime registers each rank's counters only when asked, as its job starts
        System.setProperty(SentMessages.PROPERTY, "true");
        ScalingCase.Sizes sizes = new ScalingCase.Sizes(smallSize, largeSize, block);
        // an untimed pass first, so that the first N measured does not pay for the JIT and class loading
        atSize(ranks[0], sizes, true);
        List<Row> rows = new ArrayList<>();
        for (int n : ranks) {
            rows.addAll(atSize(n, sizes, false));
        }
        report(rows);
        return 0;
    }

    /** Every case in one job of n ranks; a warm-up runs each case's warm-up count only. */
    private List<Row> atSize(int n, ScalingCase.Sizes sizes, boolean warmUp) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (InJvmRanks job = InJvmRanks.start(n)) {
            SentMessages sent = SentMessages.ofJob(n);
            for (ScalingCase c : ScalingCase.values()) {
                int warm = c.large() ? largeWarmup : warmup;
                // the untimed pass runs the warm-up count as its one round
                int w = warmUp ? 0 : warm;
                int timed = warmUp ? Math.max(1, warm) : c.large() ? largeIters : iters;
                List<Measured> all = job.run(comm -> measure(comm, c, sizes, w, timed, sent), CASE_TIMEOUT);
                long slowest = 0;
                long busiest = 0;
                for (Measured m : all) {
                    slowest = Math.max(slowest, m.nanos());
                    busiest = Math.max(busiest, m.messages());
                }
                rows.add(new Row(c, n, timed, slowest / 1e3 / timed, (double) busiest / timed, c.promise(n, sizes)));
            }
        }
        return rows;
    }

    /** One rank's side of one case: warm up, line up with the others, then time and count. */
    private static Measured measure(Comm comm, ScalingCase c, ScalingCase.Sizes sizes, int warm, int timed,
                                    SentMessages sent) {
        Runnable op = c.prepare(comm, sizes);
        for (int i = 0; i < warm; i++) {
            op.run();
        }
        comm.barrier();
        // the barrier's own messages are all sent once it returns here
        long before = sent.of(comm.rank());
        long t = System.nanoTime();
        for (int i = 0; i < timed; i++) {
            op.run();
        }
        long nanos = System.nanoTime() - t;
        return new Measured(nanos, sent.of(comm.rank()) - before);
    }

    private void report(List<Row> rows) {
        System.out.printf(Locale.ROOT, "Scaling(ranks=%s, warmup=%d, iters=%d, large_warmup=%d, large_iters=%d, "
                        + "small_size=%d, large_size=%d, block=%d): ranks in one JVM, direct data plane%n",
                java.util.Arrays.toString(ranks), warmup, iters, largeWarmup, largeIters, smallSize, largeSize, block);
        System.out.printf(Locale.ROOT, "%-16s %4s %6s %12s %15s %9s  %s%n", "collective", "N", "iters", "us/op",
                "busiest msgs/op", "promised", "algorithm: its promise");
        StringBuilder list = new StringBuilder("[");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "%-16s %4d %6d %12.1f %15.2f %9d  %s%n", r.c().label(), r.n(), r.iters(),
                    r.usPerOp(), r.busiestMessagesPerOp(), r.promise().messages(),
                    r.promise().algorithm() + ": " + r.promise().formula());
            if (list.length() > 1) {
                list.append(',');
            }
            list.append(new Json()
                    .put("op", r.c().label())
                    .put("ranks", r.n())
                    .put("iters", r.iters())
                    .put("us_per_op", r.usPerOp())
                    .put("busiest_messages_per_op", r.busiestMessagesPerOp())
                    .put("algorithm", r.promise().algorithm())
                    .put("promised_messages", r.promise().messages()));
        }
        list.append(']');
        System.out.println(new Json()
                .put("bench", "scaling")
                .put("small_size", smallSize)
                .put("large_size", largeSize)
                .put("block", block)
                .raw("results", list.toString()));
    }
}
