package jmpi.runtime.p2p;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jmpi.runtime.wire.CommIds;

/**
 * How this rank's data plane names a communicator when it says what waits: its id, then the name it
 * was given ({@code Set_name}), as the coordinator's roll-call and timeouts name it.
 */
public final class CommLabels {
    private final Map<Integer, String> names = new ConcurrentHashMap<>(Map.of(CommIds.WORLD, "MPI_COMM_WORLD"));

    /** The communicator comm is called name from now on (empty: nothing). */
    public void named(int comm, String name) {
        if (name.isEmpty()) {
            names.remove(comm);
        } else {
            names.put(comm, name);
        }
    }

    /** The communicator's id, and its name in brackets when it has one. */
    String of(int comm) {
        String name = names.get(comm);
        return name == null ? String.valueOf(comm) : comm + " (" + name + ")";
    }
}
