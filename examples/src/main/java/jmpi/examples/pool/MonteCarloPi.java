package jmpi.examples.pool;

import java.util.List;
import java.util.stream.LongStream;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.exec.TaskPool;

/**
 * Estimates π with a task pool: rank 0 hands out {@link PiSamples} tasks, the other ranks run them.
 * Arguments: the number of tasks (default 64) and samples per task (default 1,000,000). The seeds are
 * fixed, so the estimate is the same whatever ranks ran which task.
 */
public final class MonteCarloPi {
    private MonteCarloPi() {
    }

    public static void main(String[] args) {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Comm comm = MPI.COMM_WORLD;
        try (TaskPool pool = TaskPool.open(comm, 0)) {
            if (pool.isRoot()) {
                List<PiSamples> work = LongStream.range(0, tasks).mapToObj(s -> new PiSamples(s, samples)).toList();
                long start = System.nanoTime();
                // four tasks to a message: fewer round trips, still enough pieces to balance the ranks
                long inside = pool.map(work, 4).mapToLong(Long::longValue).sum();
                double ms = (System.nanoTime() - start) / 1e6;
                double pi = 4.0 * inside / ((double) tasks * samples);
                System.out.printf("R0: pi %.6f from %d samples on %d workers in %.0f ms%n", pi,
                        (long) tasks * samples, comm.size() - 1, ms);
            } else {
                System.out.println("R" + comm.rank() + ": served");
            }
        }
        MPI.Finalize();
    }
}
