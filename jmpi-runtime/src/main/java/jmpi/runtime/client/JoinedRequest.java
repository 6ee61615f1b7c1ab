package jmpi.runtime.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import jmpi.Request;
import jmpi.Status;

/**
 * Several sends and receives that make one operation (a neighbour collective): complete once all
 * are, with the value result gives then. Waiting waits on each, so each drives its own progress;
 * a failure is thrown once every part has ended, so nothing is left running behind it.
 */
record JoinedRequest<T>(List<Request<?>> parts, Supplier<T> result) implements Request<T> {

    @Override
    public T waitFor() {
        RuntimeException first = null;
        for (Request<?> r : parts) {
            try {
                r.waitFor();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
        return result.get();
    }

    @Override
    public boolean test() {
        boolean all = true;
        for (Request<?> r : parts) {
            // every part is tested, so that each makes progress
            all &= r.test();
        }
        return all;
    }

    @Override
    public Status status() {
        waitFor();
        return FutureRequest.EMPTY;
    }

    @Override
    public void cancel() {
        // a collective cannot be cancelled
    }

    @Override
    public CompletableFuture<T> toCompletableFuture() {
        CompletableFuture<?>[] all = parts.stream().map(Request::toCompletableFuture).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(all).thenApply(none -> result.get());
    }
}
