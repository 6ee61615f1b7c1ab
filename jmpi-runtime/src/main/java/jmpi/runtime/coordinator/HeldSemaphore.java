package jmpi.runtime.coordinator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One shared semaphore as the coordinator holds it: the free permits and the waiters, served strictly
 * in order, and what each rank holds (taken, less what it gave back), so that a rank that fails gives
 * back what it held.
 */
final class HeldSemaphore {
    /** A request for permits that waits. */
    record Waiter(int rank, int reqId, long permits, long since) {
    }

    private final ArrayDeque<Waiter> queue = new ArrayDeque<>();
    /** Permits each rank took and has not given back; a rank that gives back more than it took holds none. */
    private final Map<Integer, Long> held = new HashMap<>();
    private long permits;

    HeldSemaphore(long permits) {
        this.permits = permits;
    }

    /** Takes n permits for rank if they are free and nobody waits before. */
    boolean tryTake(int rank, long n) {
        if (!queue.isEmpty() || permits < n) {
            return false;
        }
        permits -= n;
        held.merge(rank, n, Long::sum);
        return true;
    }

    void enqueue(Waiter w) {
        queue.add(w);
    }

    /** Rank gives n permits back; returns the waiters they now serve, in order. */
    List<Waiter> release(int rank, long n) {
        held.computeIfPresent(rank, (r, h) -> h > n ? h - n : null);
        permits += n;
        return serve();
    }

    /** Serves the waiters that the free permits now allow, in order (after a waiter left the front, say). */
    List<Waiter> serve() {
        List<Waiter> served = new ArrayList<>();
        while (!queue.isEmpty() && queue.peek().permits() <= permits) {
            Waiter w = queue.poll();
            permits -= w.permits();
            held.merge(w.rank(), w.permits(), Long::sum);
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

    /**
     * Forgets a failed rank's waiters and gives back the permits it held; returns how many came back,
     * and the waiters served now, in order.
     */
    long failRank(int rank, List<Waiter> served) {
        queue.removeIf(w -> w.rank() == rank);
        long back = held.getOrDefault(rank, 0L);
        held.remove(rank);
        permits += back;
        served.addAll(serve());
        return back;
    }

    Iterator<Waiter> waiters() {
        return queue.iterator();
    }
}
