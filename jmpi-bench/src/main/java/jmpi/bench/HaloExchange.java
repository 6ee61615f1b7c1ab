package jmpi.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import jmpi.Cartcomm;
import jmpi.MPI;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A halo exchange on a periodic 2-D grid of the ranks: one Neighbor_alltoall against the four
 * Sendrecv calls along Shift that a program would otherwise make, at several halo sizes.
 */
@Command(name = "halo-exchange", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Times a 2-D halo exchange by Neighbor_alltoall against four Sendrecv along Shift; rank 0"
                + " prints, per halo size, the slowest rank's median and p99 in microseconds for each.")
public final class HaloExchange implements Callable<Integer> {

    @Option(names = "--sizes", split = ",", defaultValue = "1,64,1024,16384",
            description = "doubles per side of the halo, comma-separated (default: ${DEFAULT-VALUE})")
    int[] sizes;

    @Option(names = "--warmup", defaultValue = "2000", description = "untimed exchanges of each form per size (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--iters", defaultValue = "2000", description = "timed exchanges of each form per size (default: ${DEFAULT-VALUE})")
    int iters;

    private Cartcomm grid;

    public static void main(String[] args) {
        System.exit(new CommandLine(new HaloExchange()).execute(args));
    }

    @Override
    public Integer call() {
        if (warmup < 0 || iters < 1 || Arrays.stream(sizes).anyMatch(n -> n < 1)) {
            System.err.println("halo-exchange: sizes and iterations must be positive, warm-up not negative");
            return 2;
        }
        int[] dims = MPI.Compute_dims(MPI.COMM_WORLD.size(), 2);
        grid = MPI.COMM_WORLD.Create_cart(dims, new boolean[] {true, true}, false);
        if (grid.rank() == 0) {
            System.out.printf(Locale.ROOT, "HaloExchange(ranks=%d, grid=%dx%d, warmup=%d, iters=%d)%n", grid.size(),
                    dims[0], dims[1], warmup, iters);
            System.out.printf(Locale.ROOT, "%8s %16s %10s %16s %10s %9s%n", "doubles", "sendrecv median", "p99",
                    "neighbor median", "p99", "ratio");
        }
        for (int n : sizes) {
            measure(n);
        }
        grid.Free();
        MPI.Finalize();
        return 0;
    }

    private void measure(int n) {
        double[] send = new double[4 * n];
        double[] recv = new double[4 * n];
        Arrays.fill(send, grid.rank());
        double[][] out = new double[4][n];
        double[][] in = new double[4][n];
        int[][] shifts = {grid.Shift(0, 1), grid.Shift(1, 1)};
        Runnable pairs = () -> {
            // block 2d goes down dimension d and comes from above it, block 2d + 1 the other way
            for (int d = 0; d < 2; d++) {
                grid.Sendrecv(out[2 * d], shifts[d][0], 2 * d, in[2 * d + 1], shifts[d][1], 2 * d);
                grid.Sendrecv(out[2 * d + 1], shifts[d][1], 2 * d + 1, in[2 * d], shifts[d][0], 2 * d + 1);
            }
        };
        Runnable neighbours = () -> grid.Neighbor_alltoall(send, recv);
        grid.barrier();
        for (int i = 0; i < warmup; i++) {
            pairs.run();
            neighbours.run();
        }
        long[] pairSamples = new long[iters];
        long[] neighbourSamples = new long[iters];
        grid.barrier();
        Samples.time(pairs, pairSamples, 0, iters);
        grid.barrier();
        Samples.time(neighbours, neighbourSamples, 0, iters);
        double[] p = Samples.slowest(grid, pairSamples);
        double[] q = Samples.slowest(grid, neighbourSamples);
        if (grid.rank() == 0) {
            System.out.printf(Locale.ROOT, "%8d %16.1f %10.1f %16.1f %10.1f %9.3f%n", n, p[0], p[1], q[0], q[1],
                    q[0] / p[0]);
            System.out.println(new Json()
                    .put("bench", "halo_exchange")
                    .put("ranks", grid.size())
                    .put("doubles", n)
                    .put("iters", iters)
                    .put("sendrecv_median_us", p[0])
                    .put("sendrecv_p99_us", p[1])
                    .put("neighbor_median_us", q[0])
                    .put("neighbor_p99_us", q[1]));
        }
    }
}
