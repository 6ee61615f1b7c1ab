package jmpi.shared;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * A fair lock shared by the ranks of a communicator: at most one thread of one rank holds it, and
 * waiters get it in the order their requests reached the coordinator. It is reentrant, as
 * {@link java.util.concurrent.locks.ReentrantLock} is: the holding thread may lock it again, and
 * must unlock it as many times. Unlocking it from a thread that does not hold it throws
 * {@link IllegalMonitorStateException}.
 *
 * <p>When the rank that holds it fails, the lock passes to the next waiter (or to the next thread
 * that locks it), and {@link #previousOwnerFailed()} tells that thread so: whatever the failed
 * owner guarded may be half done.
 */
public interface SharedLock extends Lock {
    /**
     * The lock's name in its communicator.
     *
     * @return the name given to {@link jmpi.Comm#lock(String)}
     */
    String name();

    /**
     * Whether the hold this thread has now began after the previous owner's rank failed while it
     * held the lock.
     *
     * @return true if the previous owner failed holding the lock; false if it unlocked it, or if
     *         this thread does not hold the lock
     */
    boolean previousOwnerFailed();

    /**
     * Whether the calling thread holds the lock.
     *
     * @return true if this thread of this rank holds it
     */
    boolean isHeldByCurrentThread();

    /**
     * Conditions are not offered: a thread of another rank could not signal one. Wait for shared
     * state with a {@link SharedSemaphore} instead.
     *
     * @return never
     * @throws UnsupportedOperationException always
     */
    @Override
    default Condition newCondition() {
        throw new UnsupportedOperationException("a shared lock has no conditions, since a thread of another rank"
                + " could not signal one; wait on a SharedSemaphore (comm.semaphore(name, 0)) instead");
    }
}
