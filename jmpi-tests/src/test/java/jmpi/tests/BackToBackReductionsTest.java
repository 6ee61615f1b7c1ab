package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jmpi.Comm;
import jmpi.MPI;
import jmpi.Op;
import jmpi.testing.MPITesting;
import org.junit.jupiter.api.Test;

/**
 * Allreduces back to back at 4 ranks, the ops that keep rank order among them: each rank folds into
 * the message it received while its links already read the next collective's messages, which a rank
 * that finished first sends. Every result is checked, at sizes on both sides of the size up to which
 * a link copies a message out of what it read.
 */
class BackToBackReductionsTest {
    private static final int RANKS = 4;
    /** New jobs, whose links start cold, meet the race soonest. */
    private static final int JOBS = 8;
    private static final int[] COUNTS = {1, 3, 14, 1001, 5000};
    private static final Op[] OPS = {MPI.REPLACE, MPI.SUM, MPI.NO_OP};

    private static int value(int rank, int i) {
        return (rank * 7 + i * 3) % 5 + 1;
    }

    private static int expected(Op op, int i) {
        if (op == MPI.REPLACE) {
            return value(RANKS - 1, i);
        }
        if (op == MPI.NO_OP) {
            return value(0, i);
        }
        int sum = 0;
        for (int r = 0; r < RANKS; r++) {
            sum += value(r, i);
        }
        return sum;
    }

    @Test
    void everyResultIsTheFoldInRankOrder() {
        for (int job = 0; job < JOBS; job++) {
            MPITesting.run(RANKS, BackToBackReductionsTest::rounds);
        }
    }

    private static void rounds(Comm c) {
        int r = c.rank();
        for (int round = 0; round < 150; round++) {
            Op op = OPS[round % OPS.length];
            for (int count : COUNTS) {
                int[] send = new int[count];
                for (int i = 0; i < count; i++) {
                    send[i] = value(r, i);
                }
                int[] recv = new int[count];
                c.Allreduce(send, recv, op);
                for (int i = 0; i < count; i++) {
                    if (recv[i] != expected(op, i)) {
                        assertEquals(expected(op, i), recv[i], op + " of " + count + " in round " + round + ", element " + i);
                    }
                }
            }
        }
    }
}
