package jmpi.shared;

import java.util.concurrent.TimeUnit;

/**
 * A fair counting semaphore shared by the ranks of a communicator, as
 * {@link java.util.concurrent.Semaphore} is shared by threads. Its permits are created with it, by
 * the first call that reaches the coordinator; like Java's, a permit has no owner: any rank may
 * release permits it did not acquire. The permits a rank holds when it fails (those it acquired, less
 * those it released) are given back, to the waiters in order, as a lock whose owner fails passes on;
 * the coordinator logs it.
 */
public interface SharedSemaphore {
    /**
     * The semaphore's name in its communicator.
     *
     * @return the name given to {@link jmpi.Comm#semaphore(String, int)}
     */
    String name();

    /**
     * Takes one permit, waiting until one is free.
     *
     * @throws InterruptedException if the thread is interrupted while it waits; it then holds no permit
     */
    default void acquire() throws InterruptedException {
        acquire(1);
    }

    /**
     * Takes permits, waiting until that many are free; waiters are served in order.
     *
     * @param permits how many to take, at least 1
     * @throws InterruptedException if the thread is interrupted while it waits; it then holds no permit
     */
    void acquire(int permits) throws InterruptedException;

    /**
     * Takes one permit if one is free now, without waiting.
     *
     * @return whether a permit was taken
     */
    default boolean tryAcquire() {
        return tryAcquire(1);
    }

    /**
     * Takes permits if that many are free now and nobody waits before, without waiting.
     *
     * @param permits how many to take, at least 1
     * @return whether they were taken
     */
    boolean tryAcquire(int permits);

    /**
     * Takes one permit, waiting at most timeout for it.
     *
     * @param timeout how long to wait at most
     * @param unit    the unit of timeout
     * @return whether a permit was taken
     * @throws InterruptedException if the thread is interrupted while it waits; it then holds no permit
     */
    default boolean tryAcquire(long timeout, TimeUnit unit) throws InterruptedException {
        return tryAcquire(1, timeout, unit);
    }

    /**
     * Takes permits, waiting at most timeout for them.
     *
     * @param permits how many to take, at least 1
     * @param timeout how long to wait at most
     * @param unit    the unit of timeout
     * @return whether they were taken
     * @throws InterruptedException if the thread is interrupted while it waits; it then holds no permit
     */
    boolean tryAcquire(int permits, long timeout, TimeUnit unit) throws InterruptedException;

    /** Gives back one permit. */
    default void release() {
        release(1);
    }

    /**
     * Gives back permits, which go to the waiters in order.
     *
     * @param permits how many, at least 1
     */
    void release(int permits);

    /**
     * The permits free now.
     *
     * @return the count at the moment the coordinator read it
     */
    int availablePermits();
}
