package jmpi.runtime.p2p;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The synchronous sends that wait for their receiver's match, by number. */
final class Ssends {
    private static final class Open {
        final int dest;
        final int comm;
        final String what;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final long since = System.nanoTime();
        /** Whether JMPI_OP_TIMEOUT has taken it up. */
        volatile boolean overdue;

        Open(int dest, int comm, String what) {
            this.dest = dest;
            this.comm = comm;
            this.what = what;
        }
    }

    private final AtomicInteger next = new AtomicInteger();
    private final Map<Integer, Open> open = new ConcurrentHashMap<>();

    /** A new ssend to world rank dest on communicator comm; what says it, for the roll-call and a timeout's message. */
    int open(int dest, int comm, String what) {
        int id;
        do {
            id = next.incrementAndGet();
        } while (id == 0);
        open.put(id, new Open(dest, comm, what));
        return id;
    }

    CompletableFuture<Void> future(int id) {
        return open.get(id).done;
    }

    void matched(int id) {
        Open o = open.remove(id);
        if (o != null) {
            o.done.complete(null);
        }
    }

    void fail(int id, Throwable e) {
        Open o = id == 0 ? null : open.remove(id);
        if (o != null) {
            o.done.completeExceptionally(e);
        }
    }

    void failAll(Throwable e) {
        open.keySet().forEach(id -> fail(id, e));
    }

    void failTo(int dest, Throwable e) {
        open.forEach((id, o) -> {
            if (o.dest == dest) {
                fail(id, e);
            }
        });
    }

    /** A communicator was revoked: its ssends fail, as no receive on it will match them. */
    void failComm(int comm, Throwable e) {
        open.forEach((id, o) -> {
            if (o.comm == comm) {
                fail(id, e);
            }
        });
    }

    /** The ssends posted before cutoff (System.nanoTime()) that JMPI_OP_TIMEOUT has not taken up yet; now it has. */
    List<Sends.Late> overdue(long cutoff) {
        List<Sends.Late> late = new ArrayList<>();
        open.forEach((id, o) -> {
            if (!o.overdue && o.since - cutoff < 0) {
                o.overdue = true;
                late.add(new Sends.Late(false, id, o.dest, o.what, o.since));
            }
        });
        return late;
    }

    /** The ssends that wait for their receive, a line each. */
    List<String> waits() {
        long now = System.nanoTime();
        List<String> lines = new ArrayList<>();
        open.values().forEach(o -> lines.add(o.what + " for " + (now - o.since) / 1_000_000 + " ms"));
        return lines;
    }
}
