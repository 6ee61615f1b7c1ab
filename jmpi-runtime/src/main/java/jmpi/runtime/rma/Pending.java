package jmpi.runtime.rma;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * This rank's operations per target since that target was last flushed, so that a flush, unlock or
 * fence waits for the requests not yet complete here (an {@code Rget}'s answer) before it asks the
 * target to confirm the rest.
 */
final class Pending {
    private final Map<Integer, List<CompletableFuture<Void>>> byTarget = new HashMap<>();

    synchronized void add(int rank, CompletableFuture<Void> op) {
        List<CompletableFuture<Void>> ops = byTarget.computeIfAbsent(rank, r -> new ArrayList<>());
        ops.removeIf(CompletableFuture::isDone);
        ops.add(op);
    }

    /** The targets with operations since their last flush. */
    synchronized int[] targets() {
        return byTarget.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    /** Waits for rank's requests to complete here (their failures are their requests' to report) and forgets them. */
    void awaitLocal(int rank) {
        List<CompletableFuture<Void>> ops;
        synchronized (this) {
            ops = byTarget.remove(rank);
        }
        if (ops != null) {
            for (CompletableFuture<Void> op : ops) {
                op.exceptionally(e -> null).join();
            }
        }
    }
}
