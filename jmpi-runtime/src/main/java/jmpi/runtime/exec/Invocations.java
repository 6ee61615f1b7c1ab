package jmpi.runtime.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** invokeAll and invokeAny over tasks already queued, as {@link java.util.concurrent.ExecutorService} says. */
final class Invocations {
    private Invocations() {
    }

    /** The System.nanoTime by which timeout from now has passed (Long.MAX_VALUE for none that near). */
    static long deadline(long timeout, TimeUnit unit) {
        long now = System.nanoTime();
        long nanos = unit.toNanos(timeout);
        return nanos >= Long.MAX_VALUE - now ? Long.MAX_VALUE : now + nanos;
    }

    /** Waits for every task until the deadline; those not done by then are cancelled. */
    static <T> List<Future<T>> all(List<Entry<T>> entries, long deadline) throws InterruptedException {
        List<Future<T>> futures = new ArrayList<>(entries.size());
        try {
            for (Entry<T> e : entries) {
                futures.add(e.future);
                waitUntil(e.future, deadline);
            }
        } catch (TimeoutException e) {
            entries.forEach(x -> x.future.cancel(false));
            entries.subList(futures.size(), entries.size()).forEach(x -> futures.add(x.future));
        } catch (InterruptedException e) {
            entries.forEach(x -> x.future.cancel(false));
            throw e;
        }
        return futures;
    }

    /** The value of the first task that succeeds; the others are cancelled whatever happens. */
    static <T> T any(List<Entry<T>> entries, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("invokeAny needs at least one task");
        }
        CompletableFuture<T> first = new CompletableFuture<>();
        int[] failures = {0};
        for (Entry<T> e : entries) {
            e.future.whenComplete((v, x) -> {
                if (x == null) {
                    first.complete(v);
                } else {
                    synchronized (failures) {
                        if (++failures[0] == entries.size()) {
                            first.completeExceptionally(x);
                        }
                    }
                }
            });
        }
        try {
            return deadline == Long.MAX_VALUE ? first.get()
                    : first.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } finally {
            entries.forEach(x -> x.future.cancel(false));
        }
    }

    /** Waits for f until the deadline; a failed or cancelled task counts as done. */
    private static void waitUntil(CompletableFuture<?> f, long deadline) throws InterruptedException, TimeoutException {
        try {
            if (deadline == Long.MAX_VALUE) {
                f.get();
            } else {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException | CancellationException e) {
            // done all the same
        }
    }
}
