package jmpi.runtime.coordinator;

import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.wire.Kind;

/** Which {@link Fold} completes each kind of operation on the coordinator; the switch is exhaustive, so a new kind must choose. */
final class Folds {
    private static final Fold BARRIER = new BarrierFold();
    private static final Fold BCAST = new BcastFold();
    private static final Fold GATHER = new GatherFold(false);
    private static final Fold ALLGATHER = new GatherFold(true);
    private static final Fold SCATTER = new ScatterFold();
    private static final Fold ALLTOALL = new AlltoallFold();
    private static final Fold REDUCE = new ReduceFold(false);
    private static final Fold ALLREDUCE = new ReduceFold(true);
    private static final Fold CUSTOM = new CustomFold();
    private static final Fold SPLIT = new SplitFold();

    private Folds() {
    }

    static Fold of(Kind kind) {
        return switch (kind) {
            case BARRIER -> BARRIER;
            case BCAST -> BCAST;
            case GATHER -> GATHER;
            case ALLGATHER -> ALLGATHER;
            case SCATTER -> SCATTER;
            case ALLTOALL -> ALLTOALL;
            case REDUCE -> REDUCE;
            case ALLREDUCE -> ALLREDUCE;
            case CUSTOM -> CUSTOM;
            case SPLIT -> SPLIT;
            case SEND, RECV, PROBE, IPROBE -> throw new MPIException(MPI.ERR_INTERN, kind.label()
                    + " is matched by the mailboxes, not folded");
        };
    }
}
