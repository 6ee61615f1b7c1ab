package jmpi.tests.programs;

import jmpi.Comm;
import jmpi.MPI;
import jmpi.Op;
import jmpi.shared.SharedCounter;
import jmpi.shared.SharedLock;

/**
 * Every rank adds to a shared counter args[0] times and enters a section under a shared lock as
 * often, checking there, through a second counter, that it is alone; rank 0 prints the totals.
 */
public final class SharedCounting {
    private SharedCounting() {
    }

    public static void main(String[] args) {
        Comm c = MPI.COMM_WORLD;
        int n = Integer.parseInt(args[0]);
        SharedCounter total = c.counter("total");
        SharedCounter inside = c.counter("inside");
        SharedLock lock = c.lock("section");
        long overlaps = 0;
        for (int i = 0; i < n; i++) {
            total.incrementAndGet();
            lock.lock();
            try {
                if (inside.incrementAndGet() != 1) {
                    overlaps++;
                }
                c.<String, Integer>map("entries").merge("rank " + c.rank(), 1, Op.SUM);
                inside.decrementAndGet();
            } finally {
                lock.unlock();
            }
        }
        long allOverlaps = c.<Long>allreduce(overlaps);
        if (c.rank() == 0) {
            int entries = 0;
            for (int r = 0; r < c.size(); r++) {
                Integer e = c.<String, Integer>map("entries").get("rank " + r);
                entries += e == null ? 0 : e;
            }
            System.out.println("total " + total.get() + ", entries " + entries + ", overlaps " + allOverlaps);
        }
        System.out.flush();
        MPI.Finalize();
    }
}
