package jmpi.examples;

import java.util.List;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.Request;

/** The introductory example: a barrier, a broadcast, an allgather, a message and a reduction. */
public final class Hello {
    private Hello() {
    }

    public static void main(String[] args) {
        Comm comm = MPI.COMM_WORLD;
        int size = comm.size();
        int rank = comm.rank();
        comm.barrier();
        String msg = comm.bcast("Hello, World!");
        List<Integer> ranks = comm.allgather(rank);
        String got = null;
        if (size > 1) {
            switch (rank) {
                case 0 -> comm.send("Hello, 1!", 1);
                case 1 -> got = comm.recv(0);
                default -> { }
            }
        }
        Request<Integer> req = comm.ireduce(rank, MPI.SUM, 0);
        Integer sum = req.waitFor();
        int[] buffer = new int[] {rank, 1};
        int[] total = comm.allreduce(buffer, MPI.SUM);
        System.out.printf("rank %d of %d: bcast=%s allgather=%s recv=%s sum=%s allreduce=%s%n",
                rank, size, msg, ranks, got, sum, java.util.Arrays.toString(total));
        MPI.Finalize();
    }
}
