package jmpi.runtime.coordinator;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import jmpi.runtime.serial.ObjectSerializer;
import jmpi.runtime.wire.Call;
import jmpi.runtime.wire.FrameCodec;
import jmpi.runtime.wire.Hello;
import jmpi.runtime.wire.Reply;

/**
 * A coordinator for a job of one rank that lives inside that rank: it gives COMM_SELF every
 * semantic of the real one (matching, probes, collectives, custom operations) without the network.
 * Replies go to an in-memory channel and come back as the return value of each call.
 */
public final class LocalCoordinator {
    private final Engine engine;
    private final EmbeddedChannel channel = new EmbeddedChannel();

    public LocalCoordinator(ObjectSerializer serial) {
        this.engine = new Engine(serial, null, 1);
        engine.hello(channel, new Hello(FrameCodec.VERSION, 0, 1, null));
        channel.releaseOutbound();
    }

    /** Handles a call of the one rank; returns the replies it caused, in order. */
    public synchronized List<Reply> call(Call c) {
        try {
            engine.call(0, c);
        } finally {
            // as the network handler does: the engine retains what it keeps
            c.release();
        }
        return drain();
    }

    /** Cancels a pending receive or probe; returns the replies it caused. */
    public synchronized List<Reply> cancel(int reqId) {
        engine.cancel(0, reqId);
        return drain();
    }

    private List<Reply> drain() {
        engine.flush();
        List<Reply> out = new ArrayList<>();
        Object m;
        while ((m = channel.readOutbound()) != null) {
            out.add((Reply) m);
        }
        return out;
    }
}
