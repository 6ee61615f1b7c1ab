package jmpi.runtime;

import jdk.jfr.FlightRecorder;
import jmpi.Config;
import jmpi.Coordinator;
import jmpi.Session;
import jmpi.runtime.coordinator.CoordinatorServer;
import jmpi.runtime.elem.ApiElements;
import jmpi.runtime.launch.RankProcess;
import jmpi.runtime.launch.RankStart;
import jmpi.spi.Elements;
import jmpi.spi.RuntimeProvider;

/** Binds the runtime to the API; found through {@link java.util.ServiceLoader}. */
public final class JmpiRuntime implements RuntimeProvider {
    private static final String NETTY_JFR = "io.netty.jfr.enabled";

    static {
        // Netty's allocator loads its Flight Recorder event classes whenever JFR is available, which
        // starts Flight Recorder's machinery: some 0.15 s of CPU in every rank's start. Unless a
        // recording already runs or the user chose, its events stay off (jmpi's own are unaffected).
        if (System.getProperty(NETTY_JFR) == null && !FlightRecorder.isInitialized()) {
            System.setProperty(NETTY_JFR, "false");
        }
    }

    @Override
    public Session connect(Config config) {
        return RankStart.connect(config);
    }

    @Override
    public Session connectProcess(Config config) {
        return RankProcess.connect(config);
    }

    @Override
    public Coordinator startCoordinator(Config config) {
        String host = config.addr() == null ? "127.0.0.1" : config.addr();
        return CoordinatorServer.start(config, host, 0);
    }

    @Override
    public Elements elements() {
        return ApiElements.INSTANCE;
    }
}
