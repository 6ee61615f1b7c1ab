package jmpi.runtime.launch;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jmpi.Config;
import jmpi.runtime.client.ClientSession;
import jmpi.runtime.coordinator.CoordinatorServer;
import jmpi.runtime.coordinator.LocalCoordinator;
import jmpi.runtime.link.Link;
import jmpi.runtime.p2p.DataPlane;
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
        ObjectSerializer serial = new ObjectSerializer(config.serial(), loader(), config.serialSize());
        CoordinatorPlace place = CoordinatorPlace.of(config, System.getenv());
        CoordinatorServer embedded = null;
        if (place.bindHost() != null && config.rank() == 0) {
            embedded = CoordinatorSearch.listen(config, place);
            place = place.at(embedded.address().getPort());
            JobMarkers.openStatusDoor(embedded, config.token(), System.getenv());
        }
        Link world;
        DataPlane data = null;
        try {
            data = dataPlane(config, place.host());
            world = CoordinatorSearch.find(config, place, data == null ? null : data.advertised());
        } catch (RuntimeException e) {
            if (data != null) {
                data.close();
            }
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
        if (data != null) {
            data.useCoordinator(world);
        }
        CoordinatorServer server = embedded;
        return new ClientSession(config, serial, world, new LocalCoordinator(serial), data,
                () -> afterLeaving(config, server));
    }

    /**
     * The rank's own listener for its peers, when messages go rank to rank: on loopback when the
     * coordinator is (the job is on this host), else on every address, the coordinator telling peers
     * the one this rank reaches it from. TLS needs this rank's own key and certificate to listen with.
     */
    private static DataPlane dataPlane(Config config, String coordinatorHost) {
        if (!Config.DATA_DIRECT.equals(config.data()) || config.size() == 1
                || config.ssl() && (config.sslKey() == null || config.sslCert() == null)) {
            return null;
        }
        boolean local = isLoopback(coordinatorHost);
        return DataPlane.start(config, local ? "127.0.0.1" : "0.0.0.0");
    }

    private static boolean isLoopback(String host) {
        try {
            return java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
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
