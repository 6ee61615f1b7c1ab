package jmpi.tests.programs;

import java.util.List;
import java.util.stream.LongStream;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.exec.TaskPool;
import jmpi.tests.tasks.Crashes;
import jmpi.tests.tasks.Square;

/**
 * A task pool on every rank, the same code everywhere: the root maps the squares of 1..args[0] in
 * chunks of args[1] and prints their sum; every other rank serves, and prints that it did once the
 * pool is over.
 */
public final class PoolSquares {
    private PoolSquares() {
    }

    public static void main(String[] args) {
        Comm c = MPI.COMM_WORLD;
        Crashes.HERE.set(c);
        int n = Integer.parseInt(args[0]);
        int chunk = Integer.parseInt(args[1]);
        List<Square> tasks = LongStream.rangeClosed(1, n).mapToObj(Square::of).toList();
        try (TaskPool pool = TaskPool.open(c, 0)) {
            if (pool.isRoot()) {
                long sum = pool.map(tasks, chunk).mapToLong(Long::longValue).sum();
                System.out.println("rank " + c.rank() + ": sum " + sum);
            } else {
                System.out.println("rank " + c.rank() + ": served, pool terminated " + pool.isTerminated());
            }
        }
        System.out.flush();
        MPI.Finalize();
    }
}
