package jmpi.runtime.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import jmpi.runtime.coordinator.LocalCoordinator;
import jmpi.runtime.serial.ObjectSerializer;
import jmpi.runtime.wire.Call;
import jmpi.runtime.wire.Frame;
import jmpi.runtime.wire.Reply;

/** A link to a {@link LocalCoordinator}: calls are handled in the caller's thread, replies dispatched after. */
final class LocalLink implements Link {
    private final LocalCoordinator coordinator;
    private final Map<Integer, Consumer<Reply>> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    LocalLink(ObjectSerializer serial) {
        this.coordinator = new LocalCoordinator(serial);
    }

    @Override
    public int nextId() {
        return ids.incrementAndGet();
    }

    @Override
    public void send(Frame f, int reqId, Consumer<Reply> onReply) {
        waiting.put(reqId, onReply);
        dispatch(coordinator.call((Call) f));
    }

    @Override
    public CompletableFuture<Void> sendOneWay(Frame f) {
        dispatch(coordinator.call((Call) f));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void cancel(int reqId) {
        dispatch(coordinator.cancel(reqId));
    }

    // outside the coordinator's lock: a reply's consumer may make the next call
    private void dispatch(List<Reply> replies) {
        for (Reply r : replies) {
            try {
                Consumer<Reply> w = waiting.remove(r.reqId());
                if (w != null) {
                    w.accept(r);
                }
            } finally {
                r.release();
            }
        }
    }
}
