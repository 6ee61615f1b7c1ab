package jmpi.runtime.coll;

import jmpi.runtime.wire.Kind;

/**
 * A collective that the coordinator completes: every member sends its call there, and once all are
 * in, {@link #complete} answers each of them. The path of 0.1, of custom operations, and of
 * {@code JMPI_DATA=coordinator}. Cost: 2 messages per rank, N·n bytes through the coordinator.
 */
public abstract class ViaCoordinator implements Collective {
    private final Kind kind;

    protected ViaCoordinator(Kind kind) {
        this.kind = kind;
    }

    @Override
    public final Kind kind() {
        return kind;
    }

    @Override
    public String name() {
        return "coordinator";
    }

    /** Answers every member (or throws, and every member gets the error). */
    public abstract void complete(Gathered calls, Answers answers);
}
