package jmpi.exec;

import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.spi.TaskPools;

/**
 * An {@link ExecutorService} whose tasks run on the other ranks of a communicator.
 *
 * {@snippet class=jmpi.exec.TaskPoolSnippets region=pool}
 *
 * <p>{@link #open} is collective. On the root it returns the pool at once; the root schedules and does
 * not run tasks itself, so a pool needs two ranks or more. On every other rank {@code open} serves:
 * it asks the root for work, runs it, sends the results back and asks again (a slow rank asks less
 * often, so it gets less), until the root closes the pool; then it returns a pool that is already
 * terminated. If the root fails, {@code open} fails there with {@link jmpi.ProcessFailedException}.
 *
 * <p>A task is a record implementing {@link Task}, marked {@link jmpi.op.Payload @Payload}; any other
 * {@code Callable} (a lambda, a class) is refused with {@link IllegalArgumentException}, and a
 * {@code Runnable} with {@link java.util.concurrent.RejectedExecutionException}, since code cannot
 * cross the wire. A task that throws fails its future with an
 * {@link java.util.concurrent.ExecutionException} wrapping a {@link jmpi.RemoteException}. A task
 * whose rank fails runs again, once, on another rank, and its future completes once; if that rank
 * fails too, the future fails with {@link jmpi.ProcessFailedException}.
 *
 * <p>{@link #shutdown} lets the submitted tasks finish; {@link #shutdownNow} also takes back those not
 * yet sent; {@link #close} shuts down and waits until every task has ended and every rank has left.
 */
public abstract class TaskPool implements ExecutorService, AutoCloseable {

    /** For the runtime, which implements the pool. */
    protected TaskPool() {
    }

    /**
     * Opens a pool of comm's ranks with root as the one that submits (collective).
     *
     * @param comm the ranks of the pool
     * @param root the rank that submits tasks; ERR_ROOT when out of range
     * @return the root's pool; on other ranks, once the root closes it, a terminated pool
     */
    public static TaskPool open(Comm comm, int root) {
        return open(comm, root, (task, worker, runs, failure) -> { });
    }

    /**
     * Like {@link #open(Comm, int)}; listener hears of every task as it ends, on the root.
     *
     * @param comm the ranks of the pool
     * @param root the rank that submits tasks; ERR_ROOT when out of range
     * @param listener told of each task as it ends
     * @return the root's pool; on other ranks, once the root closes it, a terminated pool
     */
    public static TaskPool open(Comm comm, int root, TaskListener listener) {
        TaskPools pools = ServiceLoader.load(TaskPools.class, TaskPool.class.getClassLoader()).findFirst()
                .or(() -> ServiceLoader.load(TaskPools.class).findFirst())
                .orElseThrow(() -> new MPIException(MPI.ERR_OTHER,
                        "no jmpi runtime with task pools found: put jmpi-runtime on the module path (or class path)"));
        return pools.open(comm, root, listener);
    }

    /**
     * Whether this is the root's pool, the one that takes tasks.
     *
     * @return true on the root
     */
    public abstract boolean isRoot();

    /**
     * Runs every task, chunk tasks to a message (chunks are what a rank asks for), and gives their
     * results in the tasks' order, each as soon as it and those before it are in. A task that failed
     * throws its {@link jmpi.RemoteException} (or {@link jmpi.ProcessFailedException}) where the
     * stream reaches it.
     *
     * @param tasks the tasks
     * @param chunk how many tasks go to a rank in one message
     * @param <R>   what the tasks return
     * @return the results, in the tasks' order
     */
    public abstract <R> Stream<R> map(List<? extends Task<R>> tasks, int chunk);

    /**
     * {@link #map(List, int)} one task to a message.
     *
     * @param tasks the tasks
     * @param <R> what the tasks return
     * @return the results, in the tasks' order
     */
    public <R> Stream<R> map(List<? extends Task<R>> tasks) {
        return map(tasks, 1);
    }

    /** Shuts the pool down and waits until it has terminated. */
    @Override
    public void close() {
        shutdown();
        boolean interrupted = false;
        while (!isTerminated()) {
            try {
                awaitTermination(1, TimeUnit.DAYS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
