package jmpi.runtime.wire;

/** Communicator ids every job has from its start, before any is created. */
public final class CommIds {
    /** The world: every rank of the job. */
    public static final int WORLD = 0;
    /**
     * The world again, for Finalize's synchronization alone: an id, and so a context, of its own, so
     * that a rank finalizing can never complete a user's collective on the world.
     */
    public static final int FINALIZE = -1;

    private CommIds() {
    }
}
