package jmpi.runtime.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import jmpi.Comm;
import jmpi.MPI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The small collectives among the ranks cost O(log N) messages per rank: in a job of 64 ranks in
 * this JVM, every rank counts what it sends during each collective, and none sends more than
 * 2·⌈log₂ 64⌉ for a barrier, a bcast, a reduce or a small allreduce.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CollectiveMessageCountTest {
    private static final int N = 64;
    private static final int BOUND = 2 * 6;
    private static final String[] OPS = {"barrier", "bcast", "Bcast", "reduce", "Reduce", "allreduce", "Allreduce"};

    /** What one rank sends during each collective, in the order of OPS. */
    private static long[] countOnRank(ClientSession s) {
        Comm c = s.world();
        long[] sent = new long[OPS.length];
        List<Runnable> ops = List.of(
                c::barrier,
                () -> assertEquals("from 0", c.bcast(c.rank() == 0 ? "from 0" : null, 0)),
                () -> {
                    int[] b = {c.rank() == 5 ? 7 : 0};
                    c.Bcast(b, 5);
                    assertEquals(7, b[0]);
                },
                () -> {
                    Integer sum = c.reduce(c.rank(), MPI.SUM, 3);
                    if (c.rank() == 3) {
                        assertEquals(N * (N - 1) / 2, sum);
                    }
                },
                () -> {
                    long[] sum = new long[2];
                    c.Reduce(new long[] {1, c.rank()}, sum, MPI.SUM, 0);
                    if (c.rank() == 0) {
                        assertArrayEquals(new long[] {N, N * (N - 1) / 2}, sum);
                    }
                },
                () -> assertEquals(N, (int) c.<Integer>allreduce(1)),
                () -> {
                    double[] sum = new double[4];
                    c.Allreduce(new double[] {1, 2, 3, 4}, sum, MPI.SUM);
                    assertEquals(4.0 * N, sum[3]);
                });
        for (int i = 0; i < ops.size(); i++) {
            long before = s.data().messagesSent();
            ops.get(i).run();
            sent[i] = s.data().messagesSent() - before;
        }
        return sent;
    }

    @Test
    void barrierBcastReduceAndAllreduceSendLogNMessagesPerRank() throws Exception {
        long[] most = new long[OPS.length];
        for (long[] sent : RanksInJvm.run(N, "message-count", CollectiveMessageCountTest::countOnRank)) {
            for (int i = 0; i < most.length; i++) {
                most[i] = Math.max(most[i], sent[i]);
            }
        }
        for (int i = 0; i < OPS.length; i++) {
            System.out.println(OPS[i] + " at " + N + " ranks: at most " + most[i] + " messages sent by a rank");
            assertTrue(most[i] <= BOUND, OPS[i] + ": a rank sent " + most[i] + " messages, more than " + BOUND);
            assertTrue(most[i] > 0, OPS[i] + " sent nothing: it did not run among the ranks");
        }
    }
}
