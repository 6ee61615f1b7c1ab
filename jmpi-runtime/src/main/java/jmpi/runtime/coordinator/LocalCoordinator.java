package jmpi.runtime.coordinator;

import java.util.ArrayList;
import java.util.List;
import jmpi.runtime.serial.ObjectSerializer;
import jmpi.runtime.wire.Call;
import jmpi.runtime.wire.Frame;
import jmpi.runtime.wire.FrameCodec;
import jmpi.runtime.wire.Hello;
import jmpi.runtime.wire.Reply;
import jmpi.runtime.wire.SharedParts;

/**
 * A coordinator for a job of one rank that lives inside that rank: it gives COMM_SELF every
 * semantic of the real one (matching, probes, collectives, custom operations) without the network.
 * The replies of each call come back as its return value.
 */
public final class LocalCoordinator {
    private final Engine engine;
    private final InProcessPort port = new InProcessPort();

    public LocalCoordinator(ObjectSerializer serial) {
        this.engine = new Engine(serial, null, 1);
        engine.hello(port, new Hello(FrameCodec.VERSION, 0, 1, null));
        port.drain();
    }

    /** Handles a call of the one rank; returns the replies it caused, in order. */
    public synchronized List<Reply> call(Call c) {
        try {
            engine.call(0, c);
        } finally {
            // as the network handler does: the engine retains what it keeps
            c.release();
        }
        engine.flush();
        return port.drain();
    }

    /** Cancels a pending receive or probe; returns the replies it caused. */
    public synchronized List<Reply> cancel(int reqId) {
        engine.cancel(0, reqId);
        engine.flush();
        return port.drain();
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
