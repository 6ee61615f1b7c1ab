package jmpi.runtime.launch;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jmpi.Config;
import jmpi.runtime.client.ClientSession;
import jmpi.runtime.coordinator.CoordinatorServer;
import jmpi.runtime.coordinator.LocalCoordinator;
import jmpi.runtime.link.Link;
import jmpi.runtime.link.Links;
import jmpi.runtime.serial.ObjectSerializer;

/**
 * Starts a rank: the coordinator inside rank 0 unless the job names one, the link to it, and the
 * in-process coordinator of COMM_SELF; the client gets the links and never sees a coordinator.
 */
public final class RankStart {
    private static final System.Logger LOG = System.getLogger(RankStart.class.getName());

    private RankStart() {
    }

    /** Connects as config.rank() of config.size(). */
    public static ClientSession connect(Config config) {
        ObjectSerializer serial = new ObjectSerializer(config.serial(), loader());
        String host = config.addr();
        int port = config.port();
        CoordinatorServer embedded = null;
        if (host == null && config.rank() == 0) {
            embedded = CoordinatorServer.start(config, "127.0.0.1", config.size());
            port = embedded.address().getPort();
        }
        Link world;
        try {
            world = Links.toCoordinator(config, host == null ? "127.0.0.1" : host, port);
        } catch (RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
        CoordinatorServer server = embedded;
        return new ClientSession(config, serial, world, new LocalCoordinator(serial), () -> afterLeaving(config, server));
    }

    /**
     * The embedded coordinator must outlive the other ranks' goodbyes (they are all past the final
     * barrier): rank 0 waits for its job's end, taken before leaving, since once the last rank leaves
     * the coordinator starts waiting for a new job.
     */
    private static Runnable afterLeaving(Config config, CoordinatorServer embedded) {
        if (embedded == null) {
            return () -> { };
        }
        CompletableFuture<Void> jobDone = embedded.jobDone();
        return () -> {
            try {
                jobDone.get(config.waitTime().toMillis() + 5000, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "ranks still connected at finalize: " + e);
            }
            embedded.close();
        };
    }

    private static ClassLoader loader() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return cl != null ? cl : ClassLoader.getSystemClassLoader();
    }
}
