package jmpi;

import java.net.InetSocketAddress;

/**
 * A coordinator running in this process, for ranks that set {@code JMPI_ADDR} (or
 * {@link Config#addr()}) to reach it. Closing it stops it.
 */
public interface Coordinator extends AutoCloseable {
    /** Starts a coordinator listening on {@code config.port()} (0 picks a free port). */
    static Coordinator start(Config config) {
        return Runtimes.provider().startCoordinator(config);
    }

    /** The address it listens on. */
    InetSocketAddress address();

    /** Stops it; ranks still connected see their operations fail. */
    @Override
    void close();
}
