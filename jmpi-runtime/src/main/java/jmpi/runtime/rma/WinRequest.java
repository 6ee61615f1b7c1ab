package jmpi.runtime.rma;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Request;
import jmpi.Status;

/**
 * The request of an {@code R}-operation: the message it waits for underneath (the send of a put, the
 * answer of a get), and what is done once that completes (the answer copied into the origin's buffer).
 */
final class WinRequest implements Request<Void> {
    private static final Status NONE = new Status(MPI.ANY_SOURCE, MPI.ANY_TAG, 0, false);
    private final Request<?> underneath;
    private final CompletableFuture<Void> done;

    WinRequest(Request<?> underneath, CompletableFuture<Void> done) {
        this.underneath = underneath;
        this.done = done;
    }

    /** A request complete at once: an operation on {@code MPI.PROC_NULL}. */
    static WinRequest completed() {
        return new WinRequest(null, CompletableFuture.completedFuture(null));
    }

    @Override
    public Void waitFor() {
        if (underneath != null) {
            underneath.waitFor(); // lets this thread read its own answers where the link allows
        }
        try {
            return done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new MPIException(MPI.ERR_OTHER, String.valueOf(e.getCause()), e.getCause());
        }
    }

    @Override
    public boolean test() {
        if (underneath != null && !underneath.test()) {
            return false;
        }
        if (done.isCompletedExceptionally()) {
            waitFor();
        }
        return done.isDone();
    }

    @Override
    public Status status() {
        return NONE;
    }

    /** One-sided operations cannot be cancelled once started; nothing happens. */
    @Override
    public void cancel() {
    }

    @Override
    public CompletableFuture<Void> toCompletableFuture() {
        return done;
    }
}
