package jmpi;

import java.net.InetSocketAddress;

/**
 * A coordinator running in this process, for ranks that set {@code JMPI_ADDR} (or
 * {@link Config#addr()}) to reach it. Closing it stops it.
 */
public interface Coordinator extends AutoCloseable {
    /**
     * Starts a coordinator listening on {@code config.port()} (0 picks a free port).
     *
     * @param config the coordinator's options
     * @return the running coordinator
     */
    static Coordinator start(Config config) {
        return Runtimes.provider().startCoordinator(config);
    }

    /**
     * The address it listens on.
     *
     * @return the address and port
     */
    InetSocketAddress address();

    /**
     * What every rank of its job is doing now, one line per rank: the operation or receive it waits
     * in (and, for a collective, the ranks missing), or, for a rank in no call, what it called last.
     * For tests and tools that ask why a job waits.
     *
     * @return the lines, one per rank
     */
    String rollCall();

    /** Stops it; ranks still connected see their operations fail. */
    @Override
    void close();
}
