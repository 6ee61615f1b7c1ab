package jmpi.runtime.link;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import jmpi.runtime.wire.RankQuery;
import jmpi.runtime.wire.RankReport;

/**
 * A rank's answer to the coordinator's {@link RankQuery}: what it waits for on its links and, when
 * asked, every thread of this process and its stack.
 */
final class ThreadDump {
    /** Enough frames to find the caller's own code under jmpi's. */
    private static final int DEPTH = 40;

    private ThreadDump() {
    }

    /** Answers q on link, from a thread of its own: the reader that got q must not wait for a write. */
    static void answer(Link link, RankQuery q, Supplier<List<String>> waits) {
        Thread t = new Thread(() -> link.sendOneWay(new RankReport(q.id(), q.threads() ? text() : "",
                String.join("\n", waits.get()))), "jmpi-thread-dump");
        t.setDaemon(true);
        t.start();
    }

    static String text() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            Thread t = e.getKey();
            b.append('"').append(t.getName()).append('"').append(t.isDaemon() ? " daemon" : "").append(' ')
                    .append(t.getState()).append('\n');
            StackTraceElement[] frames = e.getValue();
            for (int i = 0; i < Math.min(DEPTH, frames.length); i++) {
                b.append("    at ").append(frames[i]).append('\n');
            }
            if (frames.length > DEPTH) {
                b.append("    ... ").append(frames.length - DEPTH).append(" more\n");
            }
        }
        return b.toString();
    }
}
