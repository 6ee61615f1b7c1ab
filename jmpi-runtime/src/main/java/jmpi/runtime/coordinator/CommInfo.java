package jmpi.runtime.coordinator;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import jmpi.MPI;
import jmpi.MPIException;

/** A communicator as the coordinator sees it: its id and its members' world ranks, in rank order. */
final class CommInfo {
    final int id;
    final int[] members;
    private final int[] rankOfWorld;
    /** The world rank that revoked it, or -1: once revoked, only the survivors' operations work on it. */
    int revokedBy = -1;
    /** The failed members each member has acknowledged (world ranks by world rank), for its ANY_SOURCE receives. */
    final Map<Integer, int[]> acked = new HashMap<>();

    /** Whether a member has acknowledged the failure of another, so that its ANY_SOURCE receives go on without it. */
    boolean acknowledged(int memberWorld, int failedWorld) {
        for (int w : acked.getOrDefault(memberWorld, new int[0])) {
            if (w == failedWorld) {
                return true;
            }
        }
        return false;
    }
    /** The name a member gave it ({@code Set_name}), or empty. */
    String name = "";

    CommInfo(int id, int[] members, int worldSize) {
        this.id = id;
        this.members = members;
        this.rankOfWorld = new int[worldSize];
        Arrays.fill(rankOfWorld, -1);
        for (int i = 0; i < members.length; i++) {
            rankOfWorld[members[i]] = i;
        }
    }

    /** The communicator rank of a world rank, or -1 if it is not a member. */
    int rankOf(int worldRank) {
        return worldRank >= 0 && worldRank < rankOfWorld.length ? rankOfWorld[worldRank] : -1;
    }

    /** Checks a communicator rank a call names. */
    int checkRank(int r) {
        if (r < 0 || r >= members.length) {
            throw new MPIException(MPI.ERR_RANK, "rank " + r + " out of range [0, " + members.length + ")");
        }
        return r;
    }

    int size() {
        return members.length;
    }
}
