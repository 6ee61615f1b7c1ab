package jmpi.runtime.coordinator;

import io.netty.buffer.ByteBuf;
import java.util.stream.IntStream;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.coll.Gathered;
import jmpi.runtime.wire.MatchedCall;
import jmpi.runtime.wire.Parts;

/** An operation waiting for its members: the calls that have arrived, by member index. */
final class Pending implements Gathered {
    final CommInfo comm;
    /** World ranks taking part, in member order. */
    final int[] members;
    final MatchedCall[] calls;
    /** When the first member's call arrived, for hang diagnosis. */
    final long since = System.nanoTime();
    int arrived;
    /** Whether a warning about this operation was logged already. */
    boolean warned;

    Pending(CommInfo comm, int[] members) {
        this.comm = comm;
        this.members = members;
        this.calls = new MatchedCall[members.length];
    }

    boolean complete() {
        return arrived == members.length;
    }

    /** This operation without a member that failed: its call is let go, the others' move to the new one. */
    Pending without(int worldRank) {
        int gone = indexOf(worldRank);
        Pending p = new Pending(comm, IntStream.range(0, members.length).filter(i -> i != gone)
                .map(i -> members[i]).toArray());
        for (int i = 0, j = 0; i < members.length; i++) {
            if (i == gone) {
                if (calls[i] != null) {
                    calls[i].release();
                }
            } else {
                p.calls[j++] = calls[i];
                p.arrived += calls[i] == null ? 0 : 1;
            }
            calls[i] = null;
        }
        return p;
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

    /** The member index of a world rank, or -1. */
    int indexOf(int worldRank) {
        for (int i = 0; i < members.length; i++) {
            if (members[i] == worldRank) {
                return i;
            }
        }
        return -1;
    }

    boolean involves(int worldRank) {
        return indexOf(worldRank) >= 0;
    }

    @Override
    public int size() {
        return members.length;
    }

    @Override
    public MatchedCall call(int member) {
        return calls[member];
    }

    @Override
    public int commRank(int member) {
        return comm.rankOf(members[member]);
    }

    @Override
    public int worldRank(int member) {
        return members[member];
    }

    @Override
    public MatchedCall callOfRank(int commRank) {
        return calls[indexOf(comm.members[commRank])];
    }

    MatchedCall firstArrived() {
        for (MatchedCall c : calls) {
            if (c != null) {
                return c;
            }
        }
        throw new IllegalStateException("an operation with no call");
    }

    @Override
    public ByteBuf[] firstParts() {
        for (int i = 0; i < calls.length; i++) {
            if (calls[i].parts().length == 0) {
                throw new MPIException(MPI.ERR_COUNT, "rank " + members[i] + " sent no data to " + calls[i].signature());
            }
        }
        ByteBuf[] all = new ByteBuf[members.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = Parts.share(calls[i].parts()[0]);
        }
        return all;
    }
}
