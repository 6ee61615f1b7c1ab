package jmpi.runtime.link;

import java.util.concurrent.TimeUnit;
import jmpi.Config;
import jmpi.MPI;
import jmpi.MPIException;

/**
 * How a rank keeps trying to reach its coordinator, which may not listen yet: again after a pause
 * that grows from 1 ms to 250 ms, until {@code JMPI_WAIT} runs out. One policy for every link.
 */
final class ConnectRetry {
    private static final long MAX_DELAY_MS = 250;

    private final Config config;
    private final String host;
    private final int port;
    private final long deadline;
    private long delayMs = 1;

    ConnectRetry(Config config, String host, int port) {
        this.config = config;
        this.host = host;
        this.port = port;
        this.deadline = System.nanoTime() + config.waitTime().toNanos();
    }

    /** When JMPI_WAIT runs out, in {@link System#nanoTime()}. */
    long deadline() {
        return deadline;
    }

    /** After a failed attempt: the pause before the next, in ms; throws, naming JMPI_WAIT, when no time is left. */
    long nextDelayMs(Throwable cause) {
        long d = delayMs;
        if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(d) > deadline) {
            throw new MPIException(MPI.ERR_OTHER, "cannot reach the coordinator at " + host + ":" + port + " within "
                    + config.waitTime().toMillis() + " ms (JMPI_WAIT): " + cause, cause);
        }
        delayMs = Math.min(d * 2, MAX_DELAY_MS);
        return d;
    }
}
