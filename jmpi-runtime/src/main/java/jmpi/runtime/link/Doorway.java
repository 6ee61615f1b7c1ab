package jmpi.runtime.link;

import io.netty.channel.Channel;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one listener's connections share until they have shown the job token: how many may wait at
 * once, and the log of those turned away. Anyone may connect, so a refusal costs one line at most,
 * and no more than {@link #LINES_PER_WINDOW} lines in {@link #WINDOW_NANOS}; the lines left out are
 * counted in the next one.
 */
public final class Doorway {
    private static final System.Logger LOG = System.getLogger(Doorway.class.getName());
    /** Connections that may wait to show the token at once; a job's ranks each show it within moments. */
    static final int MAX_PENDING = 128;
    /** How long a connection may take to show the token, its TLS handshake included. */
    public static final long DEADLINE_SECONDS = 10;
    static final int LINES_PER_WINDOW = 5;
    static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final AtomicInteger pending = new AtomicInteger();
    private long windowStart = System.nanoTime() - WINDOW_NANOS;
    private int linesInWindow;
    private int leftOut;

    /** A listener's, shared by every connection it accepts. */
    public Doorway() {
    }

    /** Counts a new connection in; false, and it is not counted, when too many wait already. */
    boolean enter() {
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            return false;
        }
        return true;
    }

    /** A connection counted in was admitted or closed. */
    void leave() {
        pending.decrementAndGet();
    }

    /** Logs that a connection was refused, unless too many lines were logged lately. */
    void refused(Channel ch, String why) {
        refused(ch.remoteAddress(), ch.localAddress(), why);
    }

    /** As above, for a transport whose connections are not Netty channels of jmpi's (a gRPC call). */
    public void refused(SocketAddress from, SocketAddress to, String why) {
        int before;
        synchronized (this) {
            long now = System.nanoTime();
            if (now - windowStart >= WINDOW_NANOS) {
                windowStart = now;
                linesInWindow = 0;
            }
            if (linesInWindow >= LINES_PER_WINDOW) {
                leftOut++;
                return;
            }
            linesInWindow++;
            before = leftOut;
            leftOut = 0;
        }
        LOG.log(System.Logger.Level.WARNING, "refused a connection from {0} to {1}: {2}{3}", from, to, why,
                before == 0 ? "" : " (and " + before + " more refused connections not logged)");
    }
}
