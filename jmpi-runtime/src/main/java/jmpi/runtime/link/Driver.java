package jmpi.runtime.link;

import java.util.concurrent.CompletableFuture;

/**
 * What a thread that is about to wait for a request asks of the links that complete it: links whose
 * callers read for themselves read here, on the waiting thread, so that the message and its waiter
 * meet without a wake-up in between. Every method may return without having helped; the caller then
 * waits as it would without them.
 */
public interface Driver {
    /** Nothing to read here: every caller waits for its future. */
    Driver NONE = new Driver() {
    };

    /**
     * Called by a thread about to wait for f: a link whose callers read their own replies does so
     * here. Returns when f is done, or early when the link cannot help (the caller then waits for f).
     */
    default void await(CompletableFuture<?> f) {
    }

    /**
     * Called by a thread that waits for any request to complete after generation seen of
     * {@link jmpi.spi.Completions}: a link whose callers read their own replies does so here until one
     * completes, and says true; false if it cannot (the caller then waits for the signal).
     */
    default boolean awaitSignal(long seen) {
        return false;
    }

    /** Called by a thread that tests a request: a link whose callers read their own replies routes what has arrived. */
    default void poll() {
    }
}
