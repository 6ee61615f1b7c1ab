package jmpi.runtime.client;

import jmpi.Comm;
import jmpi.Group;
import jmpi.Intercomm;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Request;
import jmpi.runtime.link.Link;
import jmpi.runtime.p2p.DataPlane;
import jmpi.runtime.shared.SharedCalls;
import jmpi.shared.SharedCounter;
import jmpi.shared.SharedLock;
import jmpi.shared.SharedMap;
import jmpi.shared.SharedSemaphore;

/**
 * What a {@link ClientComm} is besides its operations: its place, the communicators made from it
 * (splits, groups, shrinks; topologies are {@link ClientComm}'s), its end (free, abort), what it knows of failures, and the
 * shared state named on it.
 */
abstract class CommLifecycle extends PersistentComm {
    final CommCore core;
    private final GroupCalls groups;
    private final FaultCalls faults;
    private final SharedCalls shared;

    CommLifecycle(CommCore core) {
        this.core = core;
        this.groups = new GroupCalls(core);
        this.faults = new FaultCalls(core, groups);
        this.shared = new SharedCalls(core.conn(), core.id(), core.serial(), core::checkLive);
    }

    @Override
    CommCore core() {
        return core;
    }

    // ---- communicator ---------------------------------------------------------------------------

    @Override
    public int rank() {
        return core.rank();
    }

    @Override
    public int size() {
        return core.size();
    }

    @Override
    public Comm Dup() {
        return Split(0, core.rank());
    }

    @Override
    public Comm Split(int color, int key) {
        return split(color, key, ClientComm::new);
    }

    /** What a communicator that a split decides is made as: a plain one, or one with a topology. */
    interface Maker {
        ClientComm make(ClientSession session, Link link, DataPlane data, int id, int rank, int[] members);
    }

    /** Splits this communicator (ids decided by the coordinator); make builds this rank's part, or it gets COMM_NULL. */
    Comm split(int color, int key, Maker make) {
        core.checkLive();
        Checks.color(color);
        return groups.split(color, key, make).waitFor();
    }

    @Override
    public void Abort(int errorcode) {
        if (errorcode < 0) {
            throw new MPIException(MPI.ERR_ARG, "Abort needs an exit status of 0 or more, not " + errorcode);
        }
        core.session().abort(errorcode);
    }

    @Override
    public void Free() {
        // a revoked communicator can still be freed, as MPI allows
        core.checkUsable();
        if (this == core.session().world() || this == core.session().self()) {
            throw new MPIException(MPI.ERR_COMM, "cannot free " + this);
        }
        core.free();
    }

    @Override
    public void Disconnect() {
        core.checkUsable();
        // MPI's Disconnect completes what is pending on the communicator before freeing it
        for (FutureRequest<?> r : core.pending()) {
            try {
                r.waitFor();
            } catch (RuntimeException e) {
                // its owner sees the failure; disconnecting goes on
            }
        }
        Free();
    }

    // ---- fault tolerance -----------------------------------------------------------------------

    @Override
    public void Revoke() {
        faults.revoke();
    }

    @Override
    public boolean Is_revoked() {
        return core.faults().isRevoked();
    }

    @Override
    public int Agree(int flag) {
        return faults.agree(flag);
    }

    @Override
    public Comm Shrink() {
        return faults.shrink();
    }

    @Override
    public int Ack_failed(int numToAck) {
        return faults.ackFailed(numToAck);
    }

    @Override
    public int[] Get_failed_ranks() {
        return faults.failedRanks();
    }

    // ---- Groups and communicators -----------------------------------------------------------------

    @Override
    public Group group() {
        return groups.group();
    }

    @Override
    public Comm Create(Group group) {
        return groups.create(group).waitFor();
    }

    @Override
    public Comm Create_group(Group group, int tag) {
        return groups.createGroup(group, tag).waitFor();
    }

    @Override
    public Intercomm Create_intercomm(int localLeader, Comm peerComm, int remoteLeader, int tag) {
        return Intercomms.create(this, localLeader, peerComm, remoteLeader, tag);
    }

    /** A communicator of these ranks of this one, in this order, made by them alone (the caller among them). */
    Comm createGroup(int[] ranks, int tag) {
        core.checkLive();
        return groups.createGroup(ranks, tag).waitFor();
    }

    @Override
    public Comm Split_type(int splitType, int key) {
        return groups.splitType(splitType, key).waitFor();
    }

    @Override
    public Request<Comm> Idup() {
        return groups.split(0, core.rank());
    }

    @Override
    public void Set_name(String name) {
        groups.name(name);
    }

    @Override
    public String Get_name() {
        return groups.name();
    }

    // ---- Shared state ----------------------------------------------------------------------------

    @Override
    public SharedCounter counter(String name) {
        return shared.counter(name);
    }

    @Override
    public SharedLock lock(String name) {
        return shared.lock(name);
    }

    @Override
    public SharedSemaphore semaphore(String name, int permits) {
        return shared.semaphore(name, permits);
    }

    @Override
    public <K, V> SharedMap<K, V> map(String name) {
        return shared.map(name);
    }

    @Override
    public String toString() {
        return "Comm[id=" + core.id() + ", rank=" + core.rank() + ", size=" + core.size() + "]";
    }
}
