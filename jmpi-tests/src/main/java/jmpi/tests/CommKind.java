package jmpi.tests;

import jmpi.Comm;

/** The communicators every suite runs against, as mpi4py's suite does. */
public enum CommKind {
    WORLD, SELF, WORLD_DUP, SPLIT_EVEN_ODD, SPLIT_REVERSED;

    /** The communicator of this kind for a rank; a dup is new and must be freed after the test. */
    public Comm open(Comm world, Comm self) {
        return switch (this) {
            case WORLD -> world;
            case SELF -> self;
            case WORLD_DUP -> world.Dup();
            case SPLIT_EVEN_ODD -> world.Split(world.rank() % 2, world.rank());
            case SPLIT_REVERSED -> world.Split(0, -world.rank());
        };
    }

    public void close(Comm comm) {
        if (this != WORLD && this != SELF) {
            comm.Free();
        }
    }
}
