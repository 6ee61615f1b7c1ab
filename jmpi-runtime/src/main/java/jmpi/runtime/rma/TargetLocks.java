package jmpi.runtime.rma;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jmpi.MPI;
import jmpi.MPIException;

/**
 * The locks of one rank's window, kept by its service thread alone: shared locks coexist, an
 * exclusive lock excludes every other, and waiting requests are granted strictly in arrival order (a
 * shared request behind a waiting exclusive one waits too, so no writer starves).
 */
final class TargetLocks {
    /** An origin that asked for a lock, and the tag its grant goes back on. */
    record Asker(int origin, int replyTag, boolean exclusive) {
    }

    private final Map<Integer, Integer> shared = new HashMap<>();
    private int exclusive = -1;
    private final ArrayDeque<Asker> waiting = new ArrayDeque<>();

    /** Takes a request; returns the askers granted now (it, or nobody). */
    List<Asker> lock(Asker a) {
        waiting.add(a);
        return grant();
    }

    /** Releases origin's lock; returns the askers granted now. ERR_RMA_SYNC if origin holds none. */
    List<Asker> unlock(int origin) {
        if (exclusive == origin) {
            exclusive = -1;
        } else if (shared.containsKey(origin)) {
            shared.merge(origin, -1, (a, b) -> a + b == 0 ? null : a + b);
        } else {
            throw new MPIException(MPI.ERR_RMA_SYNC, "rank " + origin + " unlocks a window it holds no lock of");
        }
        return grant();
    }

    /** Forgets every lock origin holds or waits for, as when it failed; returns the askers granted now. */
    List<Asker> release(int origin) {
        exclusive = exclusive == origin ? -1 : exclusive;
        shared.remove(origin);
        waiting.removeIf(a -> a.origin() == origin);
        return grant();
    }

    private List<Asker> grant() {
        List<Asker> granted = new ArrayList<>();
        while (!waiting.isEmpty()) {
            Asker next = waiting.peek();
            if (exclusive >= 0 || next.exclusive() && !shared.isEmpty()) {
                break;
            }
            waiting.poll();
            if (next.exclusive()) {
                exclusive = next.origin();
            } else {
                shared.merge(next.origin(), 1, Integer::sum);
            }
            granted.add(next);
        }
        return granted;
    }
}
