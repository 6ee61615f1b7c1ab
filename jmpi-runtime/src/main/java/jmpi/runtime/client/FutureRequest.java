package jmpi.runtime.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Request;
import jmpi.Status;
import jmpi.runtime.link.Errors;
import jmpi.runtime.link.Driver;
import jmpi.spi.Completions;

/** A {@link Request} backed by a future that the client completes when the reply arrives. */
public class FutureRequest<T> implements Request<T>, Completions.Signalling {
    static final Status EMPTY = new Status(MPI.ANY_SOURCE, MPI.ANY_TAG, 0, false);

    final CompletableFuture<T> future = new CompletableFuture<>();
    private volatile Status status = EMPTY;
    private volatile Runnable canceller;
    /** The link whose replies complete this request, where a waiting caller may read them itself. */
    private volatile Driver link;

    /** A request that has already completed. */
    public static <T> FutureRequest<T> completed(T value, Status status) {
        FutureRequest<T> r = new FutureRequest<>();
        r.complete(value, status);
        return r;
    }

    void complete(T value, Status st) {
        if (st != null) {
            status = st;
        }
        future.complete(value);
        Completions.signal();
    }

    void fail(Throwable t) {
        future.completeExceptionally(t);
        Completions.signal();
    }

    /** Runs then on the thread that completes this request (or now, if it has): for work that never blocks. */
    void whenDone(BiConsumer<? super T, ? super Throwable> then) {
        future.whenComplete(then);
    }

    void drivenBy(Driver l) {
        this.link = l;
    }

    /** Lets the link read replies in this thread until the future is done, where it can. */
    private void drive() {
        Driver l = link;
        if (l != null && !future.isDone()) {
            l.await(future);
        }
    }

    @Override
    public boolean awaitSignal(long seen) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Driver l = link;
        return l != null && l.awaitSignal(seen);
    }

    void onCancel(Runnable r) {
        this.canceller = r;
    }

    @Override
    public T waitFor() {
        drive();
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MPIException(MPI.ERR_OTHER, "interrupted while waiting", e);
        }
    }

    static RuntimeException unwrap(Throwable t) {
        return Errors.unwrap(t);
    }

    @Override
    public boolean test() {
        Driver l = link;
        if (l != null && !future.isDone()) {
            l.poll();
        }
        return future.isDone();
    }

    @Override
    public Status status() {
        drive();
        try {
            future.get();
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MPIException(MPI.ERR_OTHER, "interrupted while waiting", e);
        }
        return status;
    }

    @Override
    public void cancel() {
        Runnable c = canceller;
        if (c != null && !future.isDone()) {
            c.run();
        }
    }

    @Override
    public CompletableFuture<T> toCompletableFuture() {
        // a copy, so that completing it from outside cannot forge a result
        if (future.isDone()) {
            return future.copy();
        }
        // completed off the thread that reads the reply: what users chain on it (a send that waits
        // for room in the socket, say) must never hold up the reading of the rank's connection
        CompletableFuture<T> copy = new CompletableFuture<>();
        future.whenCompleteAsync((v, e) -> {
            if (e == null) {
                copy.complete(v);
            } else {
                copy.completeExceptionally(e);
            }
        });
        return copy;
    }

    @Override
    public String toString() {
        return "Request[" + (future.isDone() ? (future.isCompletedExceptionally() ? "failed" : "done") : "pending") + "]";
    }
}
