package jmpi.runtime.exec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.exec.Task;
import jmpi.exec.TaskListener;
import jmpi.exec.TaskPool;

/** The root's pool: checks and queues what is submitted; the {@link Dispatcher} sends it out. */
final class RootPool extends TaskPool {
    private final Dispatcher dispatcher;
    private volatile boolean shutdown;

    RootPool(Comm comm, int root, TaskListener listener) {
        this.dispatcher = new Dispatcher(comm, root, listener);
    }

    @Override
    public boolean isRoot() {
        return true;
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        Entry<T> e = new Entry<>(TaskChecks.task(task));
        queue(List.of(e));
        return e.future;
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
        throw notATask(task);
    }

    @Override
    public Future<?> submit(Runnable task) {
        throw notATask(task);
    }

    @Override
    public void execute(Runnable command) {
        throw notATask(command);
    }

    private static RejectedExecutionException notATask(Runnable r) {
        return new RejectedExecutionException((r == null ? "null" : r.getClass().getName()) + " is a Runnable, and"
                + " code does not cross the wire: submit a record implementing jmpi.exec.Task, marked"
                + " @jmpi.op.Payload");
    }

    @Override
    public <R> Stream<R> map(List<? extends Task<R>> tasks, int chunk) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be 1 or more, not " + chunk);
        }
        List<Entry<R>> entries = entries(tasks);
        for (int i = 0; i < entries.size(); i += chunk) {
            queue(new ArrayList<>(entries.subList(i, Math.min(entries.size(), i + chunk))));
        }
        return entries.stream().map(RootPool::result);
    }

    /** The task's value, or the failure itself (a RemoteException, or ProcessFailedException). */
    private static <R> R result(Entry<R> e) {
        try {
            return e.future.get();
        } catch (ExecutionException x) {
            throw x.getCause() instanceof RuntimeException ? (RuntimeException) x.getCause()
                    : new MPIException(MPI.ERR_OTHER, "task failed: " + x.getCause(), x.getCause());
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            throw new MPIException(MPI.ERR_OTHER, "interrupted while waiting for a task", x);
        }
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        return Invocations.all(start(tasks), Long.MAX_VALUE);
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException {
        return Invocations.all(start(tasks), Invocations.deadline(timeout, unit));
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try {
            return Invocations.any(start(tasks), Long.MAX_VALUE);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no deadline, yet timed out", e);
        }
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return Invocations.any(start(tasks), Invocations.deadline(timeout, unit));
    }

    /** Checks every task before any is sent, then queues each on its own. */
    private <T> List<Entry<T>> start(Collection<? extends Callable<T>> tasks) {
        List<Entry<T>> entries = entries(tasks);
        for (Entry<T> e : entries) {
            queue(List.of(e));
        }
        return entries;
    }

    private static <T> List<Entry<T>> entries(Collection<? extends Callable<T>> tasks) {
        List<Entry<T>> entries = new ArrayList<>(tasks.size());
        for (Callable<T> c : tasks) {
            entries.add(new Entry<>(TaskChecks.task(c)));
        }
        return entries;
    }

    private void queue(List<? extends Entry<?>> chunk) {
        if (shutdown) {
            throw new RejectedExecutionException("the task pool is shut down");
        }
        dispatcher.submit(List.<Entry<?>>copyOf(chunk));
    }

    @Override
    public void shutdown() {
        shutdown = true;
        dispatcher.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown();
        List<Runnable> unsent = new ArrayList<>();
        for (Entry<?> e : dispatcher.drain()) {
            unsent.add(new Unsent(e.task));
        }
        return unsent;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return dispatcher.terminated().getCount() == 0;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return dispatcher.terminated().await(timeout, unit);
    }

    /** A task that shutdownNow took back before it was sent: running it runs the task here. */
    record Unsent(Task<?> task) implements Runnable {
        @Override
        public void run() {
            try {
                task.call();
            } catch (Exception e) {
                throw new MPIException(MPI.ERR_OTHER, "task " + task + " failed: " + e, e);
            }
        }
    }
}
