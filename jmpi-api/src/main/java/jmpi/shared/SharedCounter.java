package jmpi.shared;

/**
 * A {@code long} counter shared by the ranks of a communicator, as {@link java.util.concurrent.atomic.AtomicLong}
 * is shared by threads: each operation is atomic across the job. A counter starts at 0 and wraps
 * around on overflow, as {@code AtomicLong} does.
 */
public interface SharedCounter {
    /**
     * The counter's name in its communicator.
     *
     * @return the name given to {@link jmpi.Comm#counter(String)}
     */
    String name();

    /**
     * The current value.
     *
     * @return the value at the moment the coordinator read it
     */
    long get();

    /**
     * Adds delta and returns the new value.
     *
     * @param delta the amount to add, negative to subtract
     * @return the value after the addition
     */
    long addAndGet(long delta);

    /**
     * Adds delta and returns the value before.
     *
     * @param delta the amount to add, negative to subtract
     * @return the value before the addition
     */
    default long getAndAdd(long delta) {
        return addAndGet(delta) - delta;
    }

    /**
     * Adds one and returns the new value.
     *
     * @return the value after the increment
     */
    default long incrementAndGet() {
        return addAndGet(1);
    }

    /**
     * Subtracts one and returns the new value.
     *
     * @return the value after the decrement
     */
    default long decrementAndGet() {
        return addAndGet(-1);
    }
}
