package jmpi;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import jmpi.spi.Completions;

/**
 * A pending operation. Results arrive in the background: a request completes whether or not
 * anyone calls {@link #waitFor()}.
 *
 * {@snippet class=jmpi.OverviewSnippets region=request}
 *
 * @param <T> the type of the operation's result ({@code Void} for buffer operations)
 */
public interface Request<T> {
    /**
     * Waits for completion and returns the result; throws the operation's {@link MPIException} itself.
     *
     * @return the operation's result ({@code null} for one without)
     */
    T waitFor();

    /**
     * Whether the operation has completed (successfully or not).
     *
     * @return true once completed
     */
    boolean test();

    /**
     * Waits for completion and returns its status.
     *
     * @return the operation's status
     */
    Status status();

    /** Asks to cancel the operation; {@link Status#cancelled()} tells whether it was. */
    void cancel();

    /**
     * A future completed with the result, or exceptionally with the {@link MPIException}. What is
     * chained on it runs off the runtime's own threads, so it may block.
     *
     * @return the future
     */
    CompletableFuture<T> toCompletableFuture();

    /**
     * Waits for all requests; returns their results in order. Throws the first failure in list order.
     *
     * @param requests the requests
     * @param <T> the results' type
     * @return the results, in list order
     */
    static <T> List<T> waitAll(List<? extends Request<? extends T>> requests) {
        List<T> results = new ArrayList<>(requests.size());
        for (Request<? extends T> r : requests) {
            results.add(r.waitFor());
        }
        return results;
    }

    /**
     * Waits until one request completes; returns its index, or {@link MPI#UNDEFINED} for an empty list.
     *
     * @param requests the requests
     * @return the index of a completed request, or {@link MPI#UNDEFINED}
     */
    static int waitAny(List<? extends Request<?>> requests) {
        if (requests.isEmpty()) {
            return MPI.UNDEFINED;
        }
        boolean signalling = true;
        for (Request<?> r : requests) {
            signalling &= r instanceof Completions.Signalling;
        }
        try {
            while (true) {
                long seen = Completions.generation();
                for (int i = 0; i < requests.size(); i++) {
                    if (requests.get(i).test()) {
                        return i;
                    }
                }
                if (signalling) {
                    // the waiting thread reads replies itself where it can; else one wake-up per
                    // completion, nothing registered on each request
                    if (!((Completions.Signalling) requests.get(0)).awaitSignal(seen)) {
                        Completions.awaitAfter(seen);
                    }
                } else {
                    anyOf(requests);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MPIException(MPI.ERR_OTHER, "interrupted while waiting", e);
        }
    }

    /** Waits on futures: for requests made elsewhere than the runtime, which do not signal. */
    private static void anyOf(List<? extends Request<?>> requests) throws InterruptedException {
        CompletableFuture<?>[] futures = new CompletableFuture<?>[requests.size()];
        for (int i = 0; i < futures.length; i++) {
            futures[i] = requests.get(i).toCompletableFuture();
        }
        try {
            CompletableFuture.anyOf(futures).get();
        } catch (ExecutionException e) {
            // a failed request is a completed one
        }
    }

    /**
     * Waits until at least one request completes; returns the indices of all completed ones.
     *
     * @param requests the requests
     * @return the indices of the completed requests, in list order
     */
    static int[] waitSome(List<? extends Request<?>> requests) {
        if (requests.isEmpty()) {
            return new int[0];
        }
        waitAny(requests);
        return completed(requests);
    }

    /**
     * The index of a request that has completed, without waiting; {@link MPI#UNDEFINED} if none has
     * (or the list is empty).
     *
     * @param requests the requests
     * @return the index of a completed request, or {@link MPI#UNDEFINED}
     */
    static int testAny(List<? extends Request<?>> requests) {
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i).test()) {
                return i;
            }
        }
        return MPI.UNDEFINED;
    }

    /**
     * Returns the indices of the requests that have completed, without waiting.
     *
     * @param requests the requests
     * @return the indices of the completed requests, in list order
     */
    static int[] testSome(List<? extends Request<?>> requests) {
        return completed(requests);
    }

    /**
     * Whether every request has completed.
     *
     * @param requests the requests
     * @return true if all have completed
     */
    static boolean testAll(List<? extends Request<?>> requests) {
        for (Request<?> r : requests) {
            if (!r.test()) {
                return false;
            }
        }
        return true;
    }

    private static int[] completed(List<? extends Request<?>> requests) {
        int[] idx = new int[requests.size()];
        int n = 0;
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i).test()) {
                idx[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(idx, n);
    }
}
