package jmpi.examples.shared;

import java.util.TreeMap;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.Op;
import jmpi.shared.SharedCounter;
import jmpi.shared.SharedLock;
import jmpi.shared.SharedMap;

/**
 * Shared state on every rank: each takes args[0] tickets from a shared counter and tallies them, under a
 * shared lock, in a shared map; rank 0 prints the tally. With {@code hang} as args[1], rank 1 waits
 * instead for a message nobody sends: run it with {@code JMPI_DATA=coordinator JMPI_OP_TIMEOUT=5s} to
 * see the timeout name what each rank does, or look with {@code jmpirun --status} meanwhile.
 */
public final class Tickets {
    private Tickets() {
    }

    public static void main(String[] args) {
        Comm comm = MPI.COMM_WORLD;
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        SharedCounter tickets = comm.counter("tickets");
        SharedLock lock = comm.lock("tally");
        SharedMap<Integer, Integer> tally = comm.map("tally");
        long last = 0;
        for (int i = 0; i < n; i++) {
            last = tickets.incrementAndGet();
            lock.lock();
            try {
                tally.merge(comm.rank(), 1, Op.SUM);
            } finally {
                lock.unlock();
            }
        }
        if (args.length > 1 && args[1].equals("hang") && comm.rank() == 1) {
            comm.recv(0, 99);
        }
        comm.barrier();
        if (comm.rank() == 0) {
            TreeMap<Integer, Integer> byRank = new TreeMap<>();
            for (int r = 0; r < comm.size(); r++) {
                byRank.put(r, tally.get(r));
            }
            System.out.println("R0: tickets " + tickets.get() + ", by rank " + byRank);
        } else {
            System.out.println("R" + comm.rank() + ": last ticket " + (last > 0 ? "taken" : "none"));
        }
        MPI.Finalize();
    }
}
