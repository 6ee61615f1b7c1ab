package jmpi.spi;

import jmpi.Config;
import jmpi.Coordinator;
import jmpi.Session;

/** What the runtime module provides to the API through {@link java.util.ServiceLoader}. */
public interface RuntimeProvider {
    /**
     * Connects this process as {@code config.rank()} of a job, starting the coordinator if it is rank 0's job.
     *
     * @param config the rank's options
     * @return the open session
     */
    Session connect(Config config);

    /**
     * Connects this process as its job's rank, for {@link jmpi.MPI#Init}: the session then also answers for
     * how the process ends (an exit before Finalize leaves as a failed rank), and for a launcher or
     * coordinator that goes away (the process exits).
     *
     * @param config the process's options
     * @return the open session
     */
    default Session connectProcess(Config config) {
        return connect(config);
    }

    /**
     * Starts a coordinator on its own.
     *
     * @param config the coordinator's options
     * @return the running coordinator
     */
    Coordinator startCoordinator(Config config);

    /**
     * The runtime's element types, for the API's buffer copies and element-wise reductions.
     *
     * @return the element types
     */
    Elements elements();
}
