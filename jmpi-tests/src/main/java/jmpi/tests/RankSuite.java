package jmpi.tests;

import jmpi.Comm;

/**
 * A suite of rank-side tests against {@link #comm()}. Bodies are rank-agnostic: they read size and
 * rank, try every root, and return early when a test needs a peer and the communicator has one rank.
 */
public abstract class RankSuite {
    private Comm comm;

    /** The communicator under test. */
    protected Comm comm() {
        return comm;
    }

    void bind(Comm comm) {
        this.comm = comm;
    }
}
