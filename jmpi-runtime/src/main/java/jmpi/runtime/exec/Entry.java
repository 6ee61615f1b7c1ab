package jmpi.runtime.exec;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import jmpi.exec.Task;

/** One submitted task on the root: what it is, its future, and how often it has been sent. */
final class Entry<R> {
    private static final AtomicLong IDS = new AtomicLong();

    final long id = IDS.incrementAndGet();
    final Task<R> task;
    final CompletableFuture<R> future = new CompletableFuture<>();
    /** Touched on the pool's thread only. */
    int runs;
    TaskEvent event;

    Entry(Task<R> task) {
        this.task = task;
    }

    /** Sent (again) to worker: counts the run, and times it for Flight Recorder from the first send. */
    void sent() {
        runs++;
        if (event == null) {
            event = TaskEvent.begin(task);
        }
    }

    /** Completes the future with value, once; a later result (of a rerun) changes nothing. */
    @SuppressWarnings("unchecked")
    boolean succeed(Object value) {
        return future.complete((R) value);
    }

    boolean fail(Throwable why) {
        return future.completeExceptionally(why);
    }
}
