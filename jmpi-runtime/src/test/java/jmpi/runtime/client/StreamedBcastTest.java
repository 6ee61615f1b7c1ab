package jmpi.runtime.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.MPIException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A buffer bcast above the streaming size goes down the tree in chunks, straight from the root's
 * buffer into every other rank's: in jobs of 2 to 5 ranks in this JVM, from every root, every element
 * arrives (arrays and a direct nio buffer, counts that end mid-chunk), and each rank sends exactly one
 * message per chunk to each of its children in the binomial tree, which a whole-payload algorithm never
 * does. A receiver whose count differs learns it, the job goes on.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StreamedBcastTest {
    /** A little over the streaming size, ending mid-chunk. */
    private static final int INTS = (int) (17L << 20) / 4 + 3;
    private static final int CHUNK = 1 << 20;

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {2, 3, 5})
    void everyElementArrivesChunkByChunkFromEveryRoot(int n) throws Exception {
        List<long[]> sent = RanksInJvm.run(n, "streamed-bcast", s -> {
            Comm c = s.world();
            long[] counted = new long[n];
            for (int root = 0; root < n; root++) {
                long before = s.data().messagesSent();
                int[] b = new int[INTS];
                if (c.rank() == root) {
                    for (int i = 0; i < INTS; i++) {
                        b[i] = i * 31 + root;
                    }
                }
                c.Bcast(b, root);
                for (int i = 0; i < INTS; i++) {
                    if (b[i] != i * 31 + root) {
                        assertEquals(i * 31 + root, b[i], "element " + i + " from root " + root + " on rank " + c.rank());
                    }
                }
                counted[root] = s.data().messagesSent() - before;
            }
            DoubleBuffer d = ByteBuffer.allocateDirect(INTS * 8).order(ByteOrder.nativeOrder()).asDoubleBuffer();
            if (c.rank() == n - 1) {
                for (int i = 0; i < INTS; i++) {
                    d.put(i, i / 2.0);
                }
            }
            c.Bcast(d, n - 1);
            for (int i = 0; i < INTS; i += 1001) {
                assertEquals(i / 2.0, d.get(i), "double " + i);
            }
            return counted;
        });
        long chunks = ((long) INTS * 4 + CHUNK - 1) / CHUNK;
        for (int rank = 0; rank < n; rank++) {
            for (int root = 0; root < n; root++) {
                assertEquals(children(rank, root, n) * chunks, sent.get(rank)[root],
                        "messages rank " + rank + " sent in the bcast from " + root);
            }
        }
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {2})
    void aReceiverWithAnotherCountFailsAndTheJobGoesOn(int n) throws Exception {
        RanksInJvm.run(n, "streamed-bcast-counts", s -> {
            Comm c = s.world();
            if (c.rank() == 0) {
                c.Bcast(new int[INTS], 0);
            } else {
                MPIException e = assertThrows(MPIException.class, () -> c.Bcast(new int[INTS - 1], 0));
                assertEquals(MPI.ERR_TRUNCATE, e.errorClass(), e.getMessage());
            }
            // the job goes on: a small collective after it completes everywhere
            assertEquals(n, c.<Integer>allreduce(1));
            return null;
        });
    }

    /** Children of a rank in the binomial tree rooted at root. */
    private static int children(int rank, int root, int n) {
        int rel = Math.floorMod(rank - root, n);
        int span = rel == 0 ? Integer.highestOneBit(n - 1) << 1 : Integer.lowestOneBit(rel);
        int count = 0;
        for (int m = span >> 1; m >= 1; m >>= 1) {
            count += rel + m < n ? 1 : 0;
        }
        return count;
    }
}
