package jmpi.tests.cco;

import jmpi.Comm;
import jmpi.tests.Arrivals;
import jmpi.tests.RankSuite;
import jmpi.tests.RankTest;

/**
 * Barriers, of the object and the buffer API, blocking or not: no rank leaves one before every rank
 * has arrived, round after round. Each rank leaves a mark before it enters; after it leaves, it must
 * find the marks of all.
 */
public class BarrierSuite extends RankSuite {

    @RankTest
    public void testBarrier() {
        Comm c = comm();
        try (Arrivals a = Arrivals.open(c)) {
            for (int round = 0; round < 3; round++) {
                a.arrive();
                c.barrier();
                a.assertAllArrived();
            }
        }
    }

    @RankTest
    public void testIbarrier() {
        Comm c = comm();
        try (Arrivals a = Arrivals.open(c)) {
            a.arrive();
            c.ibarrier().waitFor();
            a.assertAllArrived();
        }
    }

    @RankTest
    public void testBufferBarrier() {
        Comm c = comm();
        try (Arrivals a = Arrivals.open(c)) {
            a.arrive();
            c.Barrier();
            a.assertAllArrived();
            a.arrive();
            c.Ibarrier().waitFor();
            a.assertAllArrived();
        }
    }
}
