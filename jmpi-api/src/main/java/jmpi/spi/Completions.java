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
         *
         * @param seen the generation read before the scan
         * @return true once some request has completed; false at once where the runtime cannot wait here
         * @throws InterruptedException if the thread is interrupted while it waits
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

    /**
     * The current generation, to read before scanning requests.
     *
     * @return the generation
     */
    public static long generation() {
        return GENERATION.get();
    }

    /**
     * Waits until some request completes after the generation seen was read.
     *
     * @param seen the generation read before the scan
     * @throws InterruptedException if the thread is interrupted while it waits
     */
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
