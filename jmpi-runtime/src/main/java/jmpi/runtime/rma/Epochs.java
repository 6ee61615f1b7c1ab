package jmpi.runtime.rma;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import jmpi.MPI;
import jmpi.MPIException;

/**
 * Which epochs this rank has open on a window, as an origin: a fence epoch, the locks it holds of
 * single targets, or a lock of all. Any access must lie inside one; everything else is ERR_RMA_SYNC.
 */
final class Epochs {
    private boolean fence;
    private boolean all;
    private final Map<Integer, Integer> locks = new HashMap<>();

    synchronized void checkAccess(String what, int rank) {
        if (!fence && !all && !locks.containsKey(rank)) {
            throw new MPIException(MPI.ERR_RMA_SYNC, what + " to rank " + rank + " outside an access epoch:"
                    + " call Fence() on every rank, or Lock(rank) or Lock_all() on this one, first");
        }
    }

    synchronized void lock(int rank, int type) {
        if (all || locks.containsKey(rank)) {
            throw new MPIException(MPI.ERR_RMA_SYNC, "Lock(" + rank + ") while this rank holds a lock of rank " + rank
                    + " already" + (all ? " (Lock_all)" : "") + ": unlock it first");
        }
        locks.put(rank, type);
    }

    /** Forgets a lock: after Unlock, or after a Lock that failed. */
    synchronized void unlocked(int rank) {
        locks.remove(rank);
    }

    synchronized void checkUnlock(int rank) {
        if (!locks.containsKey(rank)) {
            throw new MPIException(MPI.ERR_RMA_SYNC, "Unlock(" + rank + ") without Lock(" + rank + ")"
                    + (all ? ": this rank holds Lock_all, which Unlock_all() ends" : ""));
        }
    }

    synchronized void lockAll() {
        if (all || !locks.isEmpty()) {
            throw new MPIException(MPI.ERR_RMA_SYNC, "Lock_all() while this rank holds "
                    + (all ? "Lock_all already" : "a lock of ranks " + locks.keySet()) + ": unlock first");
        }
        all = true;
    }

    synchronized void checkUnlockAll() {
        if (!all) {
            throw new MPIException(MPI.ERR_RMA_SYNC, "Unlock_all() without Lock_all()");
        }
    }

    synchronized void unlockedAll() {
        all = false;
    }

    /** Whether a flush of rank lies inside a passive epoch; ERR_RMA_SYNC if not. */
    synchronized void checkPassive(String what, int rank) {
        if (!all && (rank < 0 ? locks.isEmpty() : !locks.containsKey(rank))) {
            throw new MPIException(MPI.ERR_RMA_SYNC, what + " outside a passive epoch: call Lock or Lock_all first");
        }
    }

    /** Ranks this rank holds a lock of, all of them after Lock_all. */
    synchronized int[] locked(int size) {
        return all ? IntStream.range(0, size).toArray()
                : locks.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    /** Fence and free must not meet a lock: ERR_RMA_SYNC naming what is still open. */
    synchronized void checkNoLocks(String what) {
        if (all || !locks.isEmpty()) {
            throw new MPIException(MPI.ERR_RMA_SYNC, what + " while this rank holds "
                    + (all ? "Lock_all" : "a lock of ranks " + locks.keySet()) + ": unlock first");
        }
    }

    synchronized void fenced(boolean epochFollows) {
        fence = epochFollows;
    }
}
