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
        byte[] buffer = new byte[10];
        buffer[0] = 1;
        comm.Allreduce(MPI.IN_PLACE, buffer, MPI.SUM);
        System.out.println(String.format("rank %d of %d: bcast=%s allgather=%s recv=%s sum=%s allreduce=%s",
                rank, size, msg, ranks, got, sum, java.util.Arrays.toString(buffer)));
        MPI.Finalize();
    }
}
