package jmpi.runtime.coordinator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import jmpi.runtime.link.Link;
import jmpi.runtime.serial.ObjectSerializer;
import jmpi.runtime.wire.Call;
import jmpi.runtime.wire.Frame;
import jmpi.runtime.wire.FrameCodec;
import jmpi.runtime.wire.Hello;
import jmpi.runtime.wire.Reply;
import jmpi.runtime.wire.SharedParts;

/**
 * A coordinator for a job of one rank that lives inside that rank, reached through the same
 * {@link Link} as a remote one: it gives COMM_SELF every semantic of the real one (matching,
 * probes, collectives, custom operations) without the network. A call is handled in the caller's
 * thread; its replies are dispatched after, outside the coordinator's lock, since a reply's consumer
 * may make the next call.
 */
public final class LocalCoordinator implements Link {
    private final Engine engine;
    private final InProcessPort port = new InProcessPort();
    private final Map<Integer, Consumer<Reply>> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    public LocalCoordinator(ObjectSerializer serial) {
        this.engine = new Engine(serial, null, 1);
        engine.hello(port, new Hello(FrameCodec.VERSION, 0, 1, null));
        port.drain();
    }

    @Override
    public int nextId() {
        return ids.incrementAndGet();
    }

    @Override
    public void send(Frame f, int reqId, Consumer<Reply> onReply) {
        waiting.put(reqId, onReply);
        dispatch(handle((Call) f));
    }

    @Override
    public CompletableFuture<Void> sendOneWay(Frame f) {
        dispatch(handle((Call) f));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void cancel(int reqId) {
        List<Reply> replies;
        synchronized (this) {
            engine.cancel(0, reqId);
            engine.flush();
            replies = port.drain();
        }
        dispatch(replies);
    }

    /** Handles a call of the one rank; returns the replies it caused, in order. */
    private synchronized List<Reply> handle(Call c) {
        try {
            engine.call(0, c);
        } finally {
            // as the network handler does: the engine retains what it keeps
            c.release();
        }
        engine.flush();
        return port.drain();
    }

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

    /** The rank's side of the port: what the engine wrote, collected until the call returns. */
    private static final class InProcessPort implements RankPort {
        private final List<Frame> written = new ArrayList<>();

        @Override
        public void write(Frame f) {
            written.add(f);
        }

        @Override
        public void flush() {
        }

        @Override
        public void reading(boolean on) {
        }

        @Override
        public boolean writable() {
            return true;
        }

        @Override
        public void refuse(String why) {
            throw new IllegalStateException("the in-process coordinator refused its own rank: " + why);
        }

        @Override
        public void allowShared(SharedParts rights) {
        }

        @Override
        public String address() {
            return "this process";
        }

        /** The replies written since the last drain; the welcome is dropped. */
        List<Reply> drain() {
            List<Reply> out = new ArrayList<>();
            for (Frame f : written) {
                if (f instanceof Reply r) {
                    out.add(r);
                }
            }
            written.clear();
            return out;
        }
    }
}
