package jmpi;

import java.util.List;

/**
 * The example of the module's overview page (and of the README's opening; its end is {@link Request}'s),
 * compiled here so that it stays true to the API; the release build checks that the README shows
 * exactly the region.
 */
final class OverviewSnippets {
    private OverviewSnippets() {
    }

    static Integer seed() {
        // @start region="seed"
        Comm comm = MPI.COMM_WORLD;
        int size = comm.size(), rank = comm.rank();
        comm.barrier();
        String msg = comm.bcast("Hello, World!");
        List<Integer> ranks = comm.allgather(rank);
        switch (rank) {
            case 0 -> comm.send("Hello, 1!", 1);
            case 1 -> comm.recv(0);
            default -> {}
        }
        // @start region="request"
        Request<Integer> req = comm.ireduce(rank, MPI.SUM, 0);
        Integer sum = req.waitFor();                 // null on non-root ranks
        // @end region="request"
        // @end region="seed"
        return size + msg.length() + ranks.size() + sum;
    }
}
