package jmpi.runtime;

import jmpi.Config;
import jmpi.Coordinator;
import jmpi.Session;
import jmpi.runtime.client.ClientSession;
import jmpi.runtime.coordinator.CoordinatorServer;
import jmpi.spi.RuntimeProvider;

/** Binds the runtime to the API; found through {@link java.util.ServiceLoader}. */
public final class JmpiRuntime implements RuntimeProvider {
    @Override
    public Session connect(Config config) {
        return ClientSession.connect(config);
    }

    @Override
    public Coordinator startCoordinator(Config config) {
        String host = config.addr() == null ? "127.0.0.1" : config.addr();
        return CoordinatorServer.start(config, host, 0);
    }
}
