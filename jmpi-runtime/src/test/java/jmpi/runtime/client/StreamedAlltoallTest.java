package jmpi.runtime.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Prequest;
import jmpi.Request;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A buffer alltoall in which each rank sends more than the streaming size goes block by block in
 * chunks, straight from each rank's send buffer into the others' receive buffers: in jobs of 1 to 5
 * ranks in this JVM every element arrives (arrays and a direct nio buffer, blocks that end mid-chunk,
 * two at once, a persistent one started twice), and each rank sends exactly one message per chunk to
 * each other rank, which the whole-block exchange never does. A larger receive block is filled from
 * its start, as the whole-block exchange fills it; a rank whose receive block is too small fails the
 * alltoall on every rank, saying why, and the job goes on.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StreamedAlltoallTest {
    private static final int CHUNK = 1 << 20;

    /** Ints per block: each rank sends a little over the streaming size in all, each block ending mid-chunk. */
    private static int block(int n) {
        return (int) ((17L << 20) / 4 / n) + 3;
    }

    private static int sent(int from, int to, int i) {
        return i * 31 + from * 7 + to;
    }

    private static int[] filled(int rank, int n, int block) {
        int[] b = new int[n * block];
        for (int to = 0; to < n; to++) {
            for (int i = 0; i < block; i++) {
                b[to * block + i] = sent(rank, to, i);
            }
        }
        return b;
    }

    private static void check(int[] recv, int rank, int n, int block, String what) {
        for (int from = 0; from < n; from++) {
            for (int i = 0; i < block; i++) {
                if (recv[from * block + i] != sent(from, rank, i)) {
                    assertEquals(sent(from, rank, i), recv[from * block + i], what + ": element " + i + " from rank "
                            + from + " on rank " + rank);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 5})
    void everyElementArrivesChunkByChunk(int n) throws Exception {
        int block = block(n);
        List<Long> messages = RanksInJvm.run(n, "streamed-alltoall", s -> {
            Comm c = s.world();
            int r = c.rank();
            // one rank alone has no data plane and nothing to send
            long before = n == 1 ? 0 : s.data().messagesSent();
            int[] recv = new int[n * block];
            c.Alltoall(filled(r, n, block), recv);
            check(recv, r, n, block, "Alltoall");
            long counted = n == 1 ? 0 : s.data().messagesSent() - before;

            int[] a = new int[n * block];
            int[] b = new int[n * block];
            Request<Void> first = c.Ialltoall(filled(r, n, block), a);
            Request<Void> second = c.Ialltoall(filled(r, n, block), b);
            second.waitFor();
            first.waitFor();
            check(a, r, n, block, "the first Ialltoall");
            check(b, r, n, block, "the second Ialltoall");

            int[] out = filled(r, n, block);
            int[] in = new int[n * block];
            Prequest<Void> p = c.Alltoall_init(out, in);
            for (int round = 0; round < 2; round++) {
                Arrays.fill(in, -1);
                p.start();
                p.waitFor();
                check(in, r, n, block, "persistent start " + round);
            }
            p.free();

            LongBuffer send = ByteBuffer.allocateDirect(n * block * 8).order(ByteOrder.nativeOrder()).asLongBuffer();
            for (int i = 0; i < n * block; i++) {
                send.put(i, (long) r << 40 | i);
            }
            long[] got = new long[n * block];
            c.Alltoall(send, got);
            for (int from = 0; from < n; from++) {
                for (int i = 0; i < block; i += 997) {
                    assertEquals((long) from << 40 | (r * block + i), got[from * block + i], "long " + i + " from " + from);
                }
            }
            return counted;
        });
        long chunks = ((long) block * 4 + CHUNK - 1) / CHUNK;
        for (int rank = 0; rank < n; rank++) {
            assertEquals((n - 1) * chunks, messages.get(rank), "messages rank " + rank + " sent in the alltoall");
        }
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {2, 3})
    void aLargerReceiveBlockIsFilledFromItsStartAsTheWholeBlockExchangeFillsIt(int n) throws Exception {
        int block = block(n);
        int room = block + 5;
        RanksInJvm.run(n, "streamed-alltoall-room", s -> {
            Comm c = s.world();
            int r = c.rank();
            int[] recv = new int[n * room];
            Arrays.fill(recv, -1);
            c.Alltoall(filled(r, n, block), recv);
            for (int from = 0; from < n; from++) {
                for (int i = 0; i < room; i++) {
                    int want = i < block ? sent(from, r, i) : -1;
                    if (recv[from * room + i] != want) {
                        assertEquals(want, recv[from * room + i], "element " + i + " of the block from " + from);
                    }
                }
            }
            return null;
        });
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {2, 3})
    void aRankWithAnotherCountFailsEveryRankAndTheJobGoesOn(int n) throws Exception {
        int block = block(n);
        RanksInJvm.run(n, "streamed-alltoall-counts", s -> {
            Comm c = s.world();
            // the last rank receives blocks one element short: it sends nothing, and says why to all
            int[] recv = new int[n * (c.rank() == n - 1 ? block - 1 : block)];
            MPIException e = assertThrows(MPIException.class, () -> c.Alltoall(new int[n * block], recv));
            assertEquals(MPI.ERR_TRUNCATE, e.errorClass(), e.getMessage());
            assertTrue(e.getMessage().contains("rank " + (n - 1) + " sends blocks of " + block * 4L + " bytes and "
                    + "receives blocks of " + (block - 1) * 4L), e.getMessage());
            // the job goes on: a small collective after it completes everywhere
            assertEquals(n, c.<Integer>allreduce(1));
            return null;
        });
    }
}
