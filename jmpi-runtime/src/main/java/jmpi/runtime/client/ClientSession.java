package jmpi.runtime.client;

import java.util.Arrays;
import java.util.function.IntConsumer;
import jmpi.Comm;
import jmpi.Config;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Session;
import jmpi.runtime.link.Link;
import jmpi.runtime.wire.CommIds;
import jmpi.runtime.p2p.DataPlane;
import jmpi.runtime.serial.ObjectSerializer;

/** A rank connected to its job: its world and self communicators over the links it was given. */
public final class ClientSession implements Session {
    private static final System.Logger LOG = System.getLogger(ClientSession.class.getName());

    /** What the rank's start set up besides its links, undone as it finalizes. */
    public interface Leaving {
        /** Called just before the rank leaves; returns what to do once it has left. */
        Runnable leaving();
    }

    private final Config config;
    private final ObjectSerializer serial;
    private final Link connection;
    private final Leaving leaving;
    private final DataPlane data;
    private final ClientComm world;
    private final ClientComm self;
    /** The world under an id of its own, on which Finalize synchronizes and nothing else. */
    private final ClientComm finalizing;
    /** The rank's JMX counters, or null unless asked for. */
    private final RankCounters counters;
    private final Failures failures = new Failures();
    private volatile boolean closed;
    private volatile IntConsumer abortAction = code -> { };

    /**
     * world: the link to the job's coordinator; self: a link to a coordinator of this rank alone;
     * data: the links to the other ranks, or null when messages go through the coordinator.
     */
    public ClientSession(Config config, ObjectSerializer serial, Link world, Link self, DataPlane data, Leaving leaving) {
        this.config = config;
        this.serial = serial;
        this.connection = world;
        this.leaving = leaving;
        this.data = data;
        // before the data plane's watcher, which wakes the waits that the failure or revocation ends
        world.watchFirst(failures);
        int[] everyone = new int[config.size()];
        Arrays.setAll(everyone, i -> i);
        this.world = new ClientComm(this, world, data, CommIds.WORLD, config.rank(), everyone);
        this.finalizing = new ClientComm(this, world, data, CommIds.FINALIZE, config.rank(), everyone);
        // COMM_SELF never touches the network: a coordinator of its own, in this process
        this.self = new ClientComm(this, self, null, 0, 0, new int[] {config.rank()});
        this.counters = RankCounters.register(config, data);
    }

    ObjectSerializer serial() {
        return serial;
    }

    /** The links to the other ranks, or null when messages go through the coordinator. */
    DataPlane data() {
        return data;
    }

    /** What this rank knows of failed ranks and revoked communicators. */
    Failures failures() {
        return failures;
    }

    /** The link to the job's coordinator. */
    Link connection() {
        return connection;
    }

    void checkOpen() {
        if (closed) {
            throw new MPIException(MPI.ERR_COMM, "this rank has finalized");
        }
    }

    @Override
    public Comm world() {
        return world;
    }

    @Override
    public Comm self() {
        return self;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            finalizing.barrier();
        } catch (MPIException e) {
            LOG.log(System.Logger.Level.DEBUG, "finalize without the other ranks: " + e.getMessage());
        }
        closed = true;
        if (counters != null) {
            counters.unregister();
        }
        if (data != null) {
            data.close();
        }
        Runnable afterwards = leaving.leaving();
        connection.leave();
        afterwards.run();
    }

    /**
     * Leaves without finalizing, as the process ends some other way (an exit, a signal, an exception out of
     * main): no goodbye, so every other rank counts this one as failed, and no synchronization, which
     * could complete another rank's collective.
     */
    public void abandon() {
        if (closed) {
            return;
        }
        closed = true;
        connection.abandon();
    }

    /** Tells the job that this rank aborts it with code (every other rank then exits with it), and leaves. */
    public void tellAbort(int code) {
        if (closed) {
            return;
        }
        closed = true;
        connection.abort(config.rank(), code);
    }

    /** What this process does when a rank of it aborts the job: told the exit status; it does not return. */
    public void onAbort(IntConsumer action) {
        this.abortAction = action;
    }

    /**
     * Aborts the job: leaves as a failed rank (the others' operations with it fail, a launcher stops the
     * job) and does what the process does on abort. A rank that is not a process of its own (many ranks
     * in one JVM) cannot exit: its Abort fails with the reason instead.
     */
    void abort(int code) {
        // a process of its own tells the job and exits, and does not return; a rank among many in one JVM
        // tells the job here and fails its call
        abortAction.accept(code);
        tellAbort(code);
        throw new MPIException(MPI.ERR_OTHER, "rank " + config.rank() + " aborted the job with status " + code);
    }

    /** Tells watcher of failed ranks and of the loss of the coordinator. */
    public void watchCoordinator(Link.Watcher watcher) {
        connection.watch(watcher);
    }

    @Override
    public java.util.List<String> waits() {
        return data == null ? java.util.List.of() : data.waits();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "Session[rank=" + config.rank() + ", size=" + config.size() + "]";
    }
}
