package jmpi.runtime.coll;

import jmpi.runtime.wire.Kind;

/**
 * One way of running one collective: its kind and the algorithm's name, by which
 * {@link CollectiveTable} chooses it and a user can force it. Each algorithm is a class of its own,
 * named for the collective and the algorithm ({@code BcastViaCoordinator}); its first comment says
 * when it is chosen and what it costs.
 */
public interface Collective {
    Kind kind();

    /** The algorithm's name, as {@code -Djmpi.coll.<kind>=<name>} would give it. */
    String name();
}
