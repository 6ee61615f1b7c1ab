package demo.outside;

import java.util.stream.LongStream;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.op.OperationRequest;

/** Rank r holds the numbers 10r to 10r + 9; rank 0 merges everyone's stats and every rank prints them. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Comm comm = MPI.COMM_WORLD;
        int rank = comm.rank();
        Stats mine = Stats.of(LongStream.range(rank * 10L, rank * 10L + 10));
        MergeStats merge = new MergeStats(0);
        Stats total = comm.submit(OperationRequest.of(merge.group(comm.size()), merge, mine)).waitFor();
        // the merged stats go on alone, a @Payload record on the wire
        total = comm.bcast(total, 0);
        System.out.println("rank " + rank + " of " + comm.size() + ": " + total);
        MPI.Finalize();
    }
}
