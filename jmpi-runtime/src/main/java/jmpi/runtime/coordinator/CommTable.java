package jmpi.runtime.coordinator;

import java.util.HashMap;
import java.util.Map;
import jmpi.runtime.wire.CommIds;

/** The job's communicators by id: the world is 0 (and -1 for Finalize); ids of new ones are decided here, once, for every member. */
final class CommTable {
    private final Map<Integer, CommInfo> comms = new HashMap<>();
    private int worldSize;
    private int nextId;

    /** Starts a job of n ranks: only the world exists, and its twin for Finalize. */
    void reset(int n) {
        comms.clear();
        worldSize = n;
        int[] world = new int[n];
        for (int i = 0; i < n; i++) {
            world[i] = i;
        }
        CommInfo w = new CommInfo(CommIds.WORLD, world, n);
        w.name = "MPI_COMM_WORLD";
        comms.put(CommIds.WORLD, w);
        comms.put(CommIds.FINALIZE, new CommInfo(CommIds.FINALIZE, world, n));
        nextId = CommIds.WORLD + 1;
    }

    /** The communicator of an id, or null. */
    CommInfo get(int id) {
        return comms.get(id);
    }

    /** How logs and the status page name a communicator: its id, then its name if it has one. */
    String label(int id) {
        CommInfo ci = comms.get(id);
        return ci == null || ci.name.isEmpty() ? String.valueOf(id) : id + " (" + ci.name + ")";
    }

    /** The name of a communicator, or empty. */
    String name(int id) {
        CommInfo ci = comms.get(id);
        return ci == null ? "" : ci.name;
    }

    /** A new communicator of these world ranks, in rank order. */
    CommInfo create(int[] worldRanks) {
        CommInfo created = new CommInfo(nextId++, worldRanks, worldSize);
        comms.put(created.id, created);
        return created;
    }
}
