package jmpi.runtime.exec;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.exec.Task;
import jmpi.exec.TaskListener;
import jmpi.exec.TaskPool;
import jmpi.spi.TaskPools;

/**
 * Opens task pools: on a communicator of the pool's own (a duplicate, so that its messages never meet
 * the program's), the root gets a {@link RootPool}; every other rank serves as a {@link Worker} and
 * then gets a pool that is already over.
 */
public final class RuntimeTaskPools implements TaskPools {

    @Override
    public TaskPool open(Comm comm, int root, TaskListener listener) {
        if (comm.Is_inter()) {
            throw new MPIException(MPI.ERR_COMM, "a task pool needs an intracommunicator; Merge the intercommunicator first");
        }
        if (root < 0 || root >= comm.size()) {
            throw new MPIException(MPI.ERR_ROOT, "root " + root + " is not a rank of the communicator (size "
                    + comm.size() + ")");
        }
        if (listener == null) {
            throw new NullPointerException("listener == null");
        }
        Comm own = comm.Dup();
        if (comm.rank() == root) {
            return new RootPool(own, root, listener);
        }
        try {
            new Worker(own, root).serve();
        } finally {
            own.Free();
        }
        return new Served();
    }

    /** What a rank that served gets: a pool that has terminated, which takes no tasks. */
    static final class Served extends TaskPool {
        private static RejectedExecutionException notRoot() {
            return new RejectedExecutionException("this rank served the task pool, which is over: tasks are submitted"
                    + " on the root, inside the try block (if (pool.isRoot()) ...)");
        }

        @Override
        public boolean isRoot() {
            return false;
        }

        @Override
        public <R> Stream<R> map(List<? extends Task<R>> tasks, int chunk) {
            throw notRoot();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return true;
        }

        @Override
        public boolean isTerminated() {
            return true;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }

        @Override
        public <T> Future<T> submit(Callable<T> task) {
            throw notRoot();
        }

        @Override
        public <T> Future<T> submit(Runnable task, T result) {
            throw notRoot();
        }

        @Override
        public Future<?> submit(Runnable task) {
            throw notRoot();
        }

        @Override
        public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) {
            throw notRoot();
        }

        @Override
        public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit) {
            throw notRoot();
        }

        @Override
        public <T> T invokeAny(Collection<? extends Callable<T>> tasks) {
            throw notRoot();
        }

        @Override
        public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit) {
            throw notRoot();
        }

        @Override
        public void execute(Runnable command) {
            throw notRoot();
        }
    }
}
