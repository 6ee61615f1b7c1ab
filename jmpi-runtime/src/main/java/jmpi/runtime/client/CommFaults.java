package jmpi.runtime.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.wire.CommRevoked;

/**
 * One communicator's state under failures: whether it is revoked, and how many of its members'
 * failures this rank has acknowledged (which lets receives from ANY_SOURCE work again).
 */
final class CommFaults {
    private final CommCore core;
    private final Failures failures;
    private final Set<FutureRequest<?>> pending;
    /** The notice of this communicator's revocation, or null. */
    private volatile CommRevoked revoked;
    /** How many of the known failures of members this rank has acknowledged. */
    private volatile int acked;

    CommFaults(CommCore core, Failures failures, Set<FutureRequest<?>> pending) {
        this.core = core;
        this.failures = failures;
        this.pending = pending;
    }

    /** The communicator was revoked: everything pending on it fails, as will every later call but the survivors'. */
    void revoked(CommRevoked notice) {
        revoked = notice;
        MPIException e = new MPIException(MPI.ERR_REVOKED, notice.message());
        for (FutureRequest<?> r : pending) {
            r.fail(e);
        }
    }

    boolean isRevoked() {
        return revoked != null;
    }

    void checkNotRevoked() {
        CommRevoked r = revoked;
        if (r != null) {
            throw new MPIException(MPI.ERR_REVOKED, r.message());
        }
    }

    /** The world ranks of the members known to have failed, in the order learned. */
    List<Integer> failedMembers() {
        List<Integer> out = new ArrayList<>();
        for (int w : failures.failed()) {
            if (rankOf(w) >= 0) {
                out.add(w);
            }
        }
        return out;
    }

    /** Acknowledges up to n of the known failures of members; returns how many are acknowledged. */
    synchronized int ack(int n) {
        acked = Math.max(acked, Math.min(failedMembers().size(), n));
        return acked;
    }

    /**
     * The members whose failure fails a receive from source: for ANY_SOURCE, those not acknowledged
     * as failed (one acknowledged is taken as -1, which no failure names); else every member.
     */
    int[] watchedFor(int source) {
        int[] members = core.members();
        if (source != MPI.ANY_SOURCE || acked == 0) {
            return members;
        }
        int[] watched = members.clone();
        List<Integer> known = failedMembers();
        for (int i = 0; i < acked && i < known.size(); i++) {
            watched[rankOf(known.get(i))] = -1;
        }
        return watched;
    }

    /** The rank of a world rank in the communicator, or -1. */
    int rankOf(int worldRank) {
        int[] members = core.members();
        for (int i = 0; i < members.length; i++) {
            if (members[i] == worldRank) {
                return i;
            }
        }
        return -1;
    }
}
