package jmpi.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import jmpi.Comm;
import jmpi.MPI;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Time and memory of one large buffer {@code Bcast} from rank 0: what a rank pays, above its idle
 * size, to receive or send a buffer of a gigabyte. The buffer itself counts: a rank's resident set must
 * grow by at least its size, and what grows beyond is the price of moving it.
 */
@Command(name = "big-bcast", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Bcasts one byte[] of --bytes from rank 0, --reps times; rank 0 prints a RESULT line with the "
                + "median time (slowest rank) and every rank's peak resident set above its idle size.")
public final class BigBcast implements Callable<Integer> {
    @Option(names = "--bytes", defaultValue = "1073741824", description = "bytes of the buffer (default: ${DEFAULT-VALUE})")
    int bytes;

    @Option(names = "--reps", defaultValue = "3", description = "timed broadcasts (default: ${DEFAULT-VALUE})")
    int reps;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BigBcast()).execute(args));
    }

    @Override
    public Integer call() {
        if (bytes < 1 || reps < 1) {
            System.err.println("big-bcast: --bytes and --reps must be positive");
            return 2;
        }
        Comm comm = MPI.COMM_WORLD;
        comm.barrier();
        // idle: jmpi started and linked, no buffer yet
        long idle = Memory.rss();
        byte[] buffer = new byte[bytes];
        long[] nanos = new long[reps];
        for (int rep = 0; rep < reps; rep++) {
            if (comm.rank() == 0) {
                // the whole buffer, as a program fills what it sends: every page of it is resident
                Arrays.fill(buffer, (byte) (rep + 1));
            }
            comm.barrier();
            long start = System.nanoTime();
            comm.Bcast(buffer, 0);
            long mine = System.nanoTime() - start;
            if (buffer[0] != (byte) (rep + 1) || buffer[bytes - 1] != (byte) (rep + 1)) {
                System.err.println("big-bcast: rank " + comm.rank() + " received a wrong buffer");
                return 1;
            }
            nanos[rep] = comm.allreduce(mine, MPI.MAX);
        }
        long above = Memory.peakRss() - idle;
        long[] aboveByRank = comm.allgather(above).stream().mapToLong(Long::longValue).toArray();
        long[] idleByRank = comm.allgather(idle).stream().mapToLong(Long::longValue).toArray();
        if (comm.rank() == 0) {
            Arrays.sort(nanos);
            double seconds = Units.median(nanos) / 1e9;
            System.out.println(String.format(Locale.ROOT, "big-bcast np %d: %s B, median %.3f s (%.0f MB/s); peak RSS "
                    + "above idle per rank %s MiB (idle %s MiB)", comm.size(), Units.si(bytes), seconds,
                    bytes / seconds / 1e6, mib(aboveByRank), mib(idleByRank)));
            System.out.println("RESULT " + new Json().put("bench", "big-bcast").put("np", comm.size()).put("bytes", bytes)
                    .put("reps", reps).put("time_median", seconds)
                    .put("rss_above_idle_max", Arrays.stream(aboveByRank).max().orElse(-1))
                    .put("rss_idle_max", Arrays.stream(idleByRank).max().orElse(-1)));
        }
        MPI.Finalize();
        return 0;
    }

    private static String mib(long[] bytesByRank) {
        return Arrays.toString(Arrays.stream(bytesByRank).map(b -> b >> 20).toArray());
    }
}
