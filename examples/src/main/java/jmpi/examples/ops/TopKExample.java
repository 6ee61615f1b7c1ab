package jmpi.examples.ops;

import java.util.ArrayList;
import java.util.List;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.op.OperationRequest;

/** Runs {@link TopK}: rank r offers items scored r·10 + i; every rank learns the 3 best. */
public final class TopKExample {
    private TopKExample() {
    }

    public static void main(String[] args) {
        Comm comm = MPI.COMM_WORLD;
        List<Scored> mine = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            mine.add(new Scored("r" + comm.rank() + "-" + i, comm.rank() * 10 + i));
        }
        var ctx = new TopK(3);
        List<Scored> best = comm.submit(OperationRequest.of(ctx.group(comm.size()), ctx, mine)).waitFor();
        StringBuilder line = new StringBuilder("R" + comm.rank() + ":");
        for (Scored s : best) {
            line.append(' ').append(s.label()).append('=').append((long) s.score());
        }
        System.out.println(line);
        MPI.Finalize();
    }
}
