package jmpi.runtime.coordinator;

/**
 * The ranks of the job being served, by world rank: how to reach each, and whether it has left
 * (finalized or failed). A standalone coordinator serves jobs in turn, one {@code Job} each.
 */
final class Job {
    final int size;
    /** The token every rank of this job presents. */
    final String token;
    final RankPort[] ports;
    final boolean[] left;
    final boolean[] failed;
    /** The shared-memory segment each rank offered and the coordinator mapped; removed when the job ends. */
    final String[] segments;
    /** The host each rank is on, as {@link Admission#hostOf} names it. */
    final String[] hosts;
    /** Bytes of each rank's payloads that arrived as names of shared memory, not through the socket. */
    final long[] sharedBytes;

    Job(int size, String token) {
        this.size = size;
        this.token = token;
        this.ports = new RankPort[size];
        this.left = new boolean[size];
        this.failed = new boolean[size];
        this.segments = new String[size];
        this.sharedBytes = new long[size];
        this.hosts = new String[size];
    }

    boolean everyoneLeft() {
        for (boolean l : left) {
            if (!l) {
                return false;
            }
        }
        return true;
    }

    /** The port of a rank still connected, or null. */
    RankPort port(int rank) {
        return rank >= 0 && rank < size ? ports[rank] : null;
    }
}
