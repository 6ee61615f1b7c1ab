package jmpi.spi;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One signal for "some request completed", so that waiting for any of n requests costs nothing per
 * request: the waiter notes the generation, scans, and sleeps until it changes. Requests made by the
 * runtime implement {@link Signalling} and call {@link #signal()} once they are done.
 */
public final class Completions {
    private static final AtomicLong GENERATION = new AtomicLong();
    private static final AtomicInteger WAITERS = new AtomicInteger();
    private static final Object LOCK = new Object();

    private Completions() {
    }

    /** A request that calls {@link Completions#signal()} after it completes, however it completes. */
    public interface Signalling {
        /**
         * Waits until some request completes after generation seen, doing the work that completes
         * requests (reading replies) in this thread where the runtime can; false, without waiting,
         * where it cannot, and the caller then waits with {@link Completions#awaitAfter(long)}.
         */
        default boolean awaitSignal(long seen) throws InterruptedException {
            return false;
        }
    }

    /** Called after a request completes. Cheap when nobody waits: an increment and a read. */
    public static void signal() {
        GENERATION.incrementAndGet();
        if (WAITERS.get() > 0) {
            synchronized (LOCK) {
                LOCK.notifyAll();
            }
        }
    }

    /** The current generation, to read before scanning requests. */
    public static long generation() {
        return GENERATION.get();
    }

    /** Waits until some request completes after the generation seen was read. */
    public static void awaitAfter(long seen) throws InterruptedException {
        // counted before the check: a signal either sees this waiter or happened before the check
        WAITERS.incrementAndGet();
        try {
            synchronized (LOCK) {
                while (GENERATION.get() == seen) {
                    LOCK.wait();
                }
            }
        } finally {
            WAITERS.decrementAndGet();
        }
    }
}
