package jmpi.runtime.coordinator;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * One shared lock as the coordinator holds it: its holder (a thread of a rank) and the queue of
 * waiters, served in arrival order. A holder's rank that fails hands the lock on, marked, so that
 * the next holder learns it.
 */
final class HeldLock {
    /** A thread of a rank that asked for the lock: owner is the thread's id on that rank. */
    record Waiter(int rank, int reqId, long owner, long since) {
    }

    /** What the coordinator answers a grant: bit 0 granted, bit 1 the previous owner failed. */
    static final long GRANTED = 1;
    static final long AFTER_FAILURE = 2;

    private final ArrayDeque<Waiter> queue = new ArrayDeque<>();
    private Waiter holder;
    private boolean ownerFailed;

    /** Whether w may have the lock now; if so it is w's, and grant says how. */
    boolean tryTake(Waiter w) {
        if (holder != null || !queue.isEmpty()) {
            return false;
        }
        holder = w;
        return true;
    }

    /** The answer of a grant just made, which also forgets the failure it reports. */
    long grantWord() {
        long word = GRANTED | (ownerFailed ? AFTER_FAILURE : 0);
        ownerFailed = false;
        return word;
    }

    void enqueue(Waiter w) {
        queue.add(w);
    }

    /** Releases the lock if this thread of this rank holds it; false if it does not. */
    boolean release(int rank, long owner) {
        if (holder == null || holder.rank() != rank || holder.owner() != owner) {
            return false;
        }
        holder = null;
        return true;
    }

    /** Passes a free lock to the next waiter, who is returned (null when nobody waits or it is held). */
    Waiter next() {
        if (holder != null || queue.isEmpty()) {
            return null;
        }
        holder = queue.poll();
        return holder;
    }

    /** Removes the waiting request reqId of rank; returns whether it waited here. */
    boolean cancel(int rank, int reqId) {
        return queue.removeIf(w -> w.rank() == rank && w.reqId() == reqId);
    }

    /** Forgets a failed rank: its waiters go, and a lock it held is free again, marked for the next holder. */
    void failRank(int rank) {
        queue.removeIf(w -> w.rank() == rank);
        if (holder != null && holder.rank() == rank) {
            holder = null;
            ownerFailed = true;
        }
    }

    Waiter holder() {
        return holder;
    }

    Iterator<Waiter> waiters() {
        return queue.iterator();
    }
}
