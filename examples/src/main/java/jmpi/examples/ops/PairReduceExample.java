package jmpi.examples.ops;

import jmpi.Comm;
import jmpi.MPI;
import jmpi.op.OperationRequest;

/** Runs {@link PairReduce}: at 4 ranks it prints R0: 1, R1: null, R2: 5, R3: null. */
public final class PairReduceExample {
    private PairReduceExample() {
    }

    public static void main(String[] args) {
        Comm comm = MPI.COMM_WORLD;
        var ctx = new PairReduce(MPI.SUM);
        Integer result = comm.submit(OperationRequest.of(ctx.group(comm.size()), ctx, comm.rank())).waitFor();
        System.out.println("R" + comm.rank() + ": " + result);
        MPI.Finalize();
    }
}
