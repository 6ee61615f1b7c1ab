package jmpi.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.Request;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Message throughput: a stream of all-to-all exchanges of messages of mixed sizes, blocking or not. */
@Command(name = "iops", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sends messages of mixed sizes with one all-to-all each (a message is split into one "
                + "chunk per rank) and prints time, data, transfer, operations and peak memory.",
            "Sizes are exponents of 2; the defaults match pympi's iops test (its --max-size 32 does not "
                + "fit a Java array: pass 30 or less)."})
public final class Iops implements Callable<Integer> {

    /** How the exchanges are issued. */
    enum Mode {
        /** One blocking exchange after another. */
        sync,
        /** Every exchange started at once, then waited for with Request.waitSome. */
        async
    }

    /** Which half of the API moves the data. */
    enum Api {
        /** alltoall(List&lt;byte[]&gt;): serialized objects. */
        object,
        /** Alltoall(byte[], byte[]): raw buffers. */
        buffer
    }

    @Parameters(index = "0", description = "synchronization mode: ${COMPLETION-CANDIDATES}")
    Mode mode;

    /** What each rank reports: time, peak RSS, peak heap, peak PSS. */
    private static final int FIGURES = 4;
    /**
     * How often the proportional set size is sampled; the kernel keeps no peak of it. Reading it walks
     * every mapping of the JVM: every 50 ms, that took a tenth of a 2-core machine.
     */
    private static final Duration PSS_PERIOD = Duration.ofMillis(500);

    @Option(names = "--min-size", defaultValue = "8", description = "exponent of the smallest message size (default: ${DEFAULT-VALUE})")
    int minSize;

    @Option(names = "--step-size", defaultValue = "2", description = "exponents between message sizes; 0 sends only the largest (default: ${DEFAULT-VALUE})")
    int stepSize;

    @Option(names = "--max-size", defaultValue = "32", description = "exponent of the largest message size (default: ${DEFAULT-VALUE})")
    int maxSize;

    @Option(names = "--step-expo", defaultValue = "0.5", description = "exponent of the number of messages of each smaller size (default: ${DEFAULT-VALUE})")
    double stepExpo;

    @Option(names = "--reps", defaultValue = "1", description = "repetitions of the message set (default: ${DEFAULT-VALUE})")
    int reps;

    @Option(names = "--warmup", defaultValue = "0", description = "untimed operations first, to let the JIT compile the path (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--api", defaultValue = "object", description = "object or buffer (default: ${DEFAULT-VALUE})")
    Api api;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the message order (default: ${DEFAULT-VALUE})")
    long seed;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Iops()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() {
        List<Integer> sizes;
        try {
            sizes = Workload.sizes(minSize, stepSize, maxSize, stepExpo, reps, seed);
        } catch (IllegalArgumentException e) {
            // every rank checks the same arguments, so every rank stops here before any communication
            System.err.println("iops: " + e.getMessage());
            return 2;
        }
        if (warmup < 0 || (warmup > 0 && sizes.isEmpty())) {
            System.err.println("iops: --warmup must not be negative, and needs messages to send");
            return 2;
        }

        Comm comm = MPI.COMM_WORLD;
        int ranks = comm.size();
        Exchange exchange = api == Api.object ? new ObjectExchange(comm, sizes) : new BufferExchange(comm, sizes, mode == Mode.sync);

        for (int i = 0; i < warmup; i++) {
            exchange.run(sizes.get(i % sizes.size()));
        }
        comm.barrier();
        Memory.resetHeapPeaks();
        Memory.PssPeak pss = new Memory.PssPeak(PSS_PERIOD);
        long start = System.nanoTime();
        switch (mode) {
            case sync -> {
                for (int size : sizes) {
                    exchange.run(size);
                }
            }
            case async -> {
                List<Request<?>> pending = new ArrayList<>(sizes.size());
                for (int size : sizes) {
                    pending.add(exchange.start(size));
                }
                while (!pending.isEmpty()) {
                    pending = withoutCompleted(pending, Request.waitSome(pending));
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pss.close();

        double[] mine = {seconds, Memory.peakRss(), Memory.peakHeap(), pss.peak()};
        double[] all = new double[FIGURES * ranks];
        comm.Gather(mine, all, 0);
        if (comm.rank() == 0) {
            report(sizes, ranks, all, exchange.padding());
        }
        MPI.Finalize();
        return 0;
    }

    private void report(List<Integer> sizes, int ranks, double[] all, long padding) {
        double[] times = column(all, 0, ranks);
        double[] rss = column(all, 1, ranks);
        double[] heap = column(all, 2, ranks);
        double[] pss = column(all, 3, ranks);
        // the job is as slow as its slowest rank
        double time = max(times);
        long ops = sizes.size();
        long bytes = 0;
        for (int s : sizes) {
            bytes += s;
        }
        double avg = ops == 0 ? 0 : (double) bytes / ops;
        // every byte goes out of its sender and into its receiver
        double transfer = 2.0 * bytes;
        double bps = transfer * 8 / time;
        double iops = ops / time;

        System.out.printf(Locale.ROOT, "Iops(mode=%s, api=%s, ranks=%d, min_size=%d, step_size=%d, max_size=%d, "
                + "step_expo=%s, reps=%d, seed=%d)%n", mode, api, ranks, minSize, stepSize, maxSize, stepExpo, reps, seed);
        System.out.printf(Locale.ROOT, "Time:       %.1fs%n", time);
        System.out.printf(Locale.ROOT, "Data:       %s @ %sB%n", Units.si(ops), Units.si(avg));
        System.out.printf(Locale.ROOT, "Transfer:   %sB @ %5sbps%n", Units.si(transfer), Units.si(bps));
        System.out.printf(Locale.ROOT, "Operations: %s @ %sIOPS%n", Units.si(ops), Units.si(iops));
        System.out.printf(Locale.ROOT, "Memory:     %sB peak RSS @ %sB peak heap @ %sB peak PSS (largest rank)%n",
                Units.si(max(rss)), Units.si(max(heap)), Units.si(max(pss)));
        System.out.println(new Json()
                .put("bench", "iops")
                .put("mode", mode.name())
                .put("api", api.name())
                .put("ranks", ranks)
                .put("min_size", minSize)
                .put("step_size", stepSize)
                .put("max_size", maxSize)
                .put("step_expo", stepExpo)
                .put("reps", reps)
                .put("seed", seed)
                .put("operations", ops)
                .put("avg_message_bytes", avg)
                .put("message_bytes", bytes)
                .put("transfer_bytes", transfer)
                .put("buffer_padding_bytes", padding)
                .put("time_s", time)
                .put("transfer_bps", bps)
                .put("iops", iops)
                .put("peak_rss_bytes", max(rss))
                .put("peak_heap_bytes", max(heap))
                .put("peak_pss_bytes", max(pss))
                .put("time_s_per_rank", times)
                .put("peak_rss_bytes_per_rank", rss)
                .put("peak_heap_bytes_per_rank", heap)
                .put("peak_pss_bytes_per_rank", pss));
    }

    private static List<Request<?>> withoutCompleted(List<Request<?>> pending, int[] done) {
        boolean[] gone = new boolean[pending.size()];
        for (int i : done) {
            gone[i] = true;
        }
        List<Request<?>> left = new ArrayList<>(pending.size() - done.length);
        for (int i = 0; i < gone.length; i++) {
            if (!gone[i]) {
                left.add(pending.get(i));
            }
        }
        // waitSome returns only completed requests; waiting on them surfaces a failure at once
        for (int i : done) {
            pending.get(i).waitFor();
        }
        return left;
    }

    private static double[] column(double[] rows, int col, int n) {
        double[] out = new double[n];
        for (int r = 0; r < n; r++) {
            out[r] = rows[FIGURES * r + col];
        }
        return out;
    }

    private static double max(double[] xs) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : xs) {
            m = Math.max(m, x);
        }
        return m;
    }

    /** One all-to-all of a message of a given size, prepared before the clock starts. */
    private interface Exchange {
        void run(int size);

        Request<?> start(int size);

        /** Bytes added to the messages so that they split evenly. */
        long padding();
    }

    /** Chunks as a list of byte arrays, serialized by the object API. */
    private static final class ObjectExchange implements Exchange {
        private final Comm comm;
        // messages of one size share their chunks: sending only reads them
        private final Map<Integer, List<byte[]>> chunks = new HashMap<>();

        ObjectExchange(Comm comm, List<Integer> sizes) {
            this.comm = comm;
            for (int size : sizes) {
                chunks.computeIfAbsent(size, s -> Workload.split(Workload.contents(s), comm.size()));
            }
        }

        @Override
        public void run(int size) {
            comm.alltoall(chunks.get(size));
        }

        @Override
        public Request<?> start(int size) {
            return comm.ialltoall(chunks.get(size));
        }

        @Override
        public long padding() {
            return 0;
        }
    }

    /** One byte array per message, split in equal chunks by the buffer API. */
    private static final class BufferExchange implements Exchange {
        private final Comm comm;
        private final Map<Integer, byte[]> send = new HashMap<>();
        // blocking exchanges reuse one receive buffer per size; started ones each get their own, so a
        // started run makes none of these (a warm-up may, once per size)
        private final Map<Integer, byte[]> recv = new HashMap<>();
        private long padding;

        BufferExchange(Comm comm, List<Integer> sizes, boolean blocking) {
            this.comm = comm;
            for (int size : sizes) {
                byte[] buf = send.computeIfAbsent(size, s -> Workload.padded(Workload.contents(s), comm.size()));
                padding += buf.length - size;
            }
            if (blocking) {
                send.forEach((size, buf) -> recv.put(size, new byte[buf.length]));
            }
        }

        @Override
        public void run(int size) {
            comm.Alltoall(send.get(size), recv.computeIfAbsent(size, s -> new byte[send.get(s).length]));
        }

        @Override
        public Request<?> start(int size) {
            byte[] buf = send.get(size);
            return comm.Ialltoall(buf, new byte[buf.length]);
        }

        @Override
        public long padding() {
            return padding;
        }
    }
}
