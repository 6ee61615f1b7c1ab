package jmpi.runtime.coordinator;

import jmpi.runtime.wire.Call;

/** A collective waiting for its members: the calls that have arrived, by member index. */
final class Pending {
    final CommInfo comm;
    /** World ranks taking part, in member order. */
    final int[] members;
    final Call[] calls;
    /** When the first member's call arrived, for hang diagnosis. */
    final long since = System.nanoTime();
    int arrived;
    /** Whether a warning about this operation was logged already. */
    boolean warned;

    Pending(CommInfo comm, int[] members) {
        this.comm = comm;
        this.members = members;
        this.calls = new Call[members.length];
    }

    boolean complete() {
        return arrived == members.length;
    }

    /** Gives up the references to the calls' payloads. */
    void release() {
        for (int i = 0; i < calls.length; i++) {
            if (calls[i] != null) {
                calls[i].release();
                calls[i] = null;
            }
        }
    }

    boolean involves(int worldRank) {
        for (int m : members) {
            if (m == worldRank) {
                return true;
            }
        }
        return false;
    }
}
