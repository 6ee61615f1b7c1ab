package jmpi.runtime.coordinator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** One shared semaphore as the coordinator holds it: the free permits and the waiters, served strictly in order. */
final class HeldSemaphore {
    /** A request for permits that waits. */
    record Waiter(int rank, int reqId, long permits, long since) {
    }

    private final ArrayDeque<Waiter> queue = new ArrayDeque<>();
    private long permits;

    HeldSemaphore(long permits) {
        this.permits = permits;
    }

    /** Takes n permits if they are free and nobody waits before. */
    boolean tryTake(long n) {
        if (!queue.isEmpty() || permits < n) {
            return false;
        }
        permits -= n;
        return true;
    }

    void enqueue(Waiter w) {
        queue.add(w);
    }

    /** Gives permits back; returns the waiters they now serve, in order. */
    List<Waiter> release(long n) {
        permits += n;
        return serve();
    }

    private List<Waiter> serve() {
        List<Waiter> served = new ArrayList<>();
        while (!queue.isEmpty() && queue.peek().permits() <= permits) {
            Waiter w = queue.poll();
            permits -= w.permits();
            served.add(w);
        }
        return served;
    }

    long available() {
        return permits;
    }

    boolean cancel(int rank, int reqId) {
        return queue.removeIf(w -> w.rank() == rank && w.reqId() == reqId);
    }

    /** Forgets a failed rank's waiters; returns those served once they are gone from the front. */
    List<Waiter> failRank(int rank) {
        return queue.removeIf(w -> w.rank() == rank) ? serve() : List.of();
    }

    Iterator<Waiter> waiters() {
        return queue.iterator();
    }
}
