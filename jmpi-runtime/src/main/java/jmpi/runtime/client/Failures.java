package jmpi.runtime.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import jmpi.MPIException;
import jmpi.runtime.link.Link;
import jmpi.runtime.wire.CommRevoked;

/**
 * What this rank knows of failures: the world ranks that failed, in the order the coordinator told
 * of them (the same order on every rank), and the communicators on the coordinator's link, so that a
 * revocation reaches the one it names.
 */
final class Failures implements Link.Watcher {
    private final List<Integer> failed = new CopyOnWriteArrayList<>();
    private final Map<Integer, CommCore> comms = new ConcurrentHashMap<>();

    void register(CommCore core) {
        comms.put(core.id(), core);
    }

    void unregister(CommCore core) {
        comms.remove(core.id(), core);
    }

    /** The world ranks known to have failed, in the order learned. */
    List<Integer> failed() {
        return failed;
    }

    /** A rank failed: the coordinator's word, or an operation that failed for it, whichever came first. */
    @Override
    public synchronized void rankFailed(int rank) {
        if (!failed.contains(rank)) {
            failed.add(rank);
        }
    }

    @Override
    public void commRevoked(int comm, int byRank) {
        CommCore core = comms.get(comm);
        if (core != null) {
            core.faults().revoked(new CommRevoked(comm, byRank));
        }
    }

    @Override
    public void lost(MPIException why) {
        // the link's loss fails every request through the link itself
    }
}
