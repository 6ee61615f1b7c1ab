package jmpi.runtime.launch;

import java.net.BindException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jmpi.Config;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.coordinator.CoordinatorServer;
import jmpi.runtime.link.Link;
import jmpi.runtime.link.Links;

/**
 * Rank 0 starting its job's coordinator on the first free port of its {@link CoordinatorPlace}, and the
 * other ranks finding it there: they try the ports in turn, round after round until JMPI_WAIT runs out.
 * A port where nothing listens yet, where another program answers, or where another job's coordinator
 * refuses this rank's token is not this job's: the rank goes on to the next, and never joins another job.
 */
final class CoordinatorSearch {
    private static final long MAX_PAUSE_MS = 250;

    private CoordinatorSearch() {
    }

    /** Starts the coordinator of config's job; a clear error when the port given is taken. */
    static CoordinatorServer listen(Config config, CoordinatorPlace place) {
        for (int port : place.ports()) {
            try {
                return CoordinatorServer.start(config.toBuilder().port(port).build(), place.bindHost(), config.size());
            } catch (Exception e) {
                // Netty's native transport throws its bind failure as a checked exception, undeclared
                if (!inUse(e)) {
                    throw e instanceof RuntimeException r ? r : new MPIException(MPI.ERR_OTHER,
                            "cannot start the coordinator on " + place.bindHost() + ":" + port + ": " + e, e);
                }
                if (place.portGiven()) {
                    throw new JobSetupException("port " + port + " (JMPI_PORT) is taken by another program on "
                            + place.bindHost() + ": set JMPI_PORT to a free port, or leave it unset and jmpi"
                            + " chooses a port for the job");
                }
            }
        }
        throw new JobSetupException("every port this job may listen on is taken on " + place.bindHost()
                + " " + place.ports() + ": set JMPI_PORT to a free port");
    }

    private static boolean inUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    /** Connects to this job's coordinator, trying each of the place's ports until JMPI_WAIT runs out. */
    static Link find(Config config, CoordinatorPlace place, String data) {
        if (place.ports().size() == 1) {
            return Links.toCoordinator(config, place.host(), place.ports().get(0), data);
        }
        // one attempt at each port per round: the rounds are the retries
        Config once = config.toBuilder().waitTime(Duration.ofMillis(1)).build();
        long deadline = System.nanoTime() + config.waitTime().toNanos();
        Map<Integer, String> refusals = new LinkedHashMap<>();
        long pauseMs = 1;
        while (true) {
            for (int port : place.ports()) {
                try {
                    return Links.toCoordinator(once, place.host(), port, data);
                } catch (RuntimeException e) {
                    String m = String.valueOf(e.getMessage());
                    if (m.contains("refused this rank")) {
                        refusals.put(port, m);
                    }
                }
            }
            if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pauseMs) > deadline) {
                throw new MPIException(MPI.ERR_OTHER, "cannot find this job's coordinator on " + place.host()
                        + " within " + config.waitTime().toMillis() + " ms (JMPI_WAIT): it listens on the first"
                        + " free port of " + place.ports() + (refusals.isEmpty() ? ", and none answered"
                        : ", and those that answered belong to other jobs: " + refusals));
            }
            try {
                Thread.sleep(pauseMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MPIException(MPI.ERR_OTHER, "interrupted while looking for the coordinator", e);
            }
            pauseMs = Math.min(2 * pauseMs, MAX_PAUSE_MS);
        }
    }
}
