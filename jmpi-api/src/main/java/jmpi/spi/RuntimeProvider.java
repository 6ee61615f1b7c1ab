package jmpi.spi;

import jmpi.Config;
import jmpi.Coordinator;
import jmpi.Session;

/** What the runtime module provides to the API through {@link java.util.ServiceLoader}. */
public interface RuntimeProvider {
    /** Connects this process as {@code config.rank()} of a job, starting the coordinator if it is rank 0's job. */
    Session connect(Config config);

    /** Starts a coordinator on its own. */
    Coordinator startCoordinator(Config config);

    /** The runtime's element types, for the API's buffer copies and element-wise reductions. */
    Elements elements();
}
