package jmpi.examples.ops;

import java.util.HashMap;
import java.util.Map;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.op.OperationRequest;

/** Runs {@link KeyedMerge} as a word count: every rank counts its words; each rank gets the totals of its keys. */
public final class KeyedMergeExample {
    private static final String TEXT = "to be or not to be that is the question";

    private KeyedMergeExample() {
    }

    public static void main(String[] args) {
        Comm comm = MPI.COMM_WORLD;
        Map<String, Long> counts = new HashMap<>();
        String[] words = TEXT.split(" ");
        // rank r counts every word whose position is r modulo size: together the ranks count the text once
        for (int i = comm.rank(); i < words.length; i += comm.size()) {
            counts.merge(words[i], 1L, Long::sum);
        }
        var ctx = new KeyedMerge(KeyedMerge.Mode.SUM);
        Map<String, Long> owned = comm.submit(OperationRequest.of(ctx.group(comm.size()), ctx, counts)).waitFor();
        System.out.println("R" + comm.rank() + ": " + owned);
        MPI.Finalize();
    }
}
