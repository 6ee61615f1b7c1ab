package jmpi.runtime.p2p;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The synchronous sends that wait for their receiver's match, by number. */
final class Ssends {
    private record Open(int dest, CompletableFuture<Void> done) {
    }

    private final AtomicInteger next = new AtomicInteger();
    private final Map<Integer, Open> open = new ConcurrentHashMap<>();

    int open(int dest) {
        int id;
        do {
            id = next.incrementAndGet();
        } while (id == 0);
        open.put(id, new Open(dest, new CompletableFuture<>()));
        return id;
    }

    CompletableFuture<Void> future(int id) {
        return open.get(id).done();
    }

    void matched(int id) {
        Open o = open.remove(id);
        if (o != null) {
            o.done().complete(null);
        }
    }

    void fail(int id, Throwable e) {
        Open o = id == 0 ? null : open.remove(id);
        if (o != null) {
            o.done().completeExceptionally(e);
        }
    }

    void failAll(Throwable e) {
        open.keySet().forEach(id -> fail(id, e));
    }

    void failTo(int dest, Throwable e) {
        open.forEach((id, o) -> {
            if (o.dest() == dest) {
                fail(id, e);
            }
        });
    }
}
