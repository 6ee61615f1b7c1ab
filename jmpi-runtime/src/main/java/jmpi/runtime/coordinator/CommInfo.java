package jmpi.runtime.coordinator;

import java.util.Arrays;

/** A communicator as the coordinator sees it: its id and its members' world ranks, in rank order. */
final class CommInfo {
    final int id;
    final int[] members;
    private final int[] rankOfWorld;

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

    int size() {
        return members.length;
    }
}
