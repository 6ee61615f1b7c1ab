package jmpi.tests.p2p;

import static jmpi.tests.Check.fails;
import static jmpi.tests.TestBuffers.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.Request;
import jmpi.Status;
import jmpi.tests.RankSuite;
import jmpi.tests.RankTest;
import jmpi.tests.TestBuffers;
import jmpi.tests.TestBuffers.Kind;

/**
 * Messages larger than JMPI_EAGER (64 KiB by default), which on the data plane wait at the sender
 * until their receive asks for them and then arrive in chunks straight into the receive's buffer:
 * every element type, receives posted before and after the message, MPI's order among small and
 * large messages, probe, ssend, ANY_SOURCE, and the errors that consume the message.
 */
public class LargeMessageSuite extends RankSuite {
    /** More bytes than the eager limit for every element type, bytes and booleans too. */
    private static final int ELEMS = 70_000;

    private int next() {
        return (comm().rank() + 1) % comm().size();
    }

    private int prev() {
        return (comm().rank() - 1 + comm().size()) % comm().size();
    }

    private static long value(int from, int i) {
        return from * 1_000_003L + i * 7L;
    }

    /** Checks that buf holds what rank from filled its message with, as the element type keeps it. */
    private static void assertFilled(Kind k, Object buf, int n, int from) {
        Object expected = k.filled(n, i -> value(from, i));
        for (int i = 0; i < n; i++) {
            if (get(expected, i) != get(buf, i)) {
                assertEquals(get(expected, i), get(buf, i), k + " element " + i + " from rank " + from);
            }
        }
    }

    /** The receive waits first, then the message comes: every element type. */
    @RankTest
    public void testRingReceivePostedFirst() {
        Comm c = comm();
        for (Kind k : TestBuffers.ALL) {
            Object recv = k.make(ELEMS);
            Request<Status> r = c.Irecv(recv, prev(), 1);
            c.Barrier();
            c.Send(k.filled(ELEMS, i -> value(c.rank(), i)), next(), 1);
            Status st = r.waitFor();
            assertEquals(ELEMS, st.count());
            assertEquals(prev(), st.source());
            assertFilled(k, recv, ELEMS, prev());
        }
    }

    /** The message is offered before any receive waits for it. */
    @RankTest
    public void testRingMessageFirst() {
        Comm c = comm();
        for (Kind k : TestBuffers.ALL) {
            Request<Void> s = c.Isend(k.filled(ELEMS, i -> value(c.rank(), i)), next(), 2);
            c.Barrier();
            Object recv = k.make(ELEMS + 5);
            Status st = c.Recv(recv, prev(), 2);
            s.waitFor();
            assertEquals(ELEMS, st.count());
            assertFilled(k, recv, ELEMS, prev());
        }
    }

    /** Several chunks, the last one short. */
    @RankTest
    public void testManyChunks() {
        Comm c = comm();
        int n = 3 * (1 << 18) + 7;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = c.rank() * 31 + i;
        }
        int[] in = new int[n];
        Status st = c.Sendrecv(out, next(), 3, in, prev(), 3);
        assertEquals(n, st.count());
        for (int i = 0; i < n; i++) {
            if (in[i] != prev() * 31 + i) {
                assertEquals(prev() * 31 + i, in[i], "element " + i);
            }
        }
    }

    /** Small and large messages from one sender on one tag are received in the order they were sent. */
    @RankTest
    public void testOrderAmongSmallAndLarge() {
        Comm c = comm();
        int[] sizes = {3, ELEMS, 1, 2 * ELEMS, 0, ELEMS};
        List<Request<Void>> sends = new ArrayList<>();
        for (int j = 0; j < sizes.length; j++) {
            int m = j;
            sends.add(c.Isend(TestBuffers.ALL.get(0).filled(sizes[j], i -> value(m, i)), next(), 4));
        }
        for (int j = 0; j < sizes.length; j++) {
            Object in = TestBuffers.ALL.get(0).make(2 * ELEMS);
            Status st = c.Recv(in, prev(), MPI.ANY_TAG);
            assertEquals(sizes[j], st.count(), "message " + j);
            assertFilled(TestBuffers.ALL.get(0), in, sizes[j], j);
        }
        Request.waitAll(sends);
    }

    /** A buffer too small fails with ERR_TRUNCATE, the message is consumed, the sender completes, the next one arrives. */
    @RankTest
    public void testTruncateConsumesTheMessage() {
        Comm c = comm();
        Request<Void> big = c.Isend(new long[ELEMS], next(), 5);
        Request<Void> small = c.Isend(new long[] {77}, next(), 5);
        fails(MPI.ERR_TRUNCATE, () -> c.Recv(new long[ELEMS - 1], prev(), 5));
        long[] one = new long[1];
        c.Recv(one, prev(), 5);
        assertEquals(77, one[0]);
        big.waitFor();
        small.waitFor();
    }

    /** Elements of another type, or an object, fail the buffer receive with ERR_TYPE and are consumed. */
    @RankTest
    public void testTypeMismatchConsumesTheMessage() {
        Comm c = comm();
        Request<Void> longs = c.Isend(new long[ELEMS], next(), 6);
        Request<Void> object = c.isend(new byte[2 * ELEMS], next(), 6);
        Request<Void> ints = c.Isend(new int[] {5}, next(), 6);
        fails(MPI.ERR_TYPE, () -> c.Recv(new int[2 * ELEMS], prev(), 6));
        fails(MPI.ERR_TYPE, () -> c.Recv(new byte[4 * ELEMS], prev(), 6));
        int[] one = new int[1];
        c.Recv(one, prev(), 6);
        assertEquals(5, one[0]);
        Request.waitAll(List.of(longs, object, ints));
    }

    /** An object larger than the eager limit arrives whole. */
    @RankTest
    public void testLargeObject() {
        Comm c = comm();
        double[] d = new double[ELEMS];
        for (int i = 0; i < d.length; i++) {
            d[i] = c.rank() + i / 8.0;
        }
        Request<Void> s = c.isend(d, next(), 7);
        double[] got = c.recv(prev(), 7);
        s.waitFor();
        for (int i = 0; i < got.length; i++) {
            d[i] = prev() + i / 8.0;
        }
        assertArrayEquals(d, got);
    }

    /** A probe sees a large message's envelope and count and leaves it; ssend completes once it is received. */
    @RankTest
    public void testProbeAndSsend() {
        Comm c = comm();
        Request<Void> s = c.Issend(new short[ELEMS], next(), 8);
        Status st = c.probe(prev(), MPI.ANY_TAG);
        assertEquals(ELEMS, st.count());
        assertEquals(8, st.tag());
        Optional<Status> seen = c.iprobe(prev(), 8);
        assertTrue(seen.isPresent());
        short[] in = new short[ELEMS];
        assertEquals(ELEMS, c.Recv(in, prev(), 8).count());
        s.waitFor();
    }

    /** Every rank sends to rank 0, which takes them as they come and knows each by its source. */
    @RankTest
    public void testAnySource() {
        Comm c = comm();
        Request<Void> s = c.Isend(TestBuffers.ALL.get(1).filled(ELEMS, i -> value(c.rank(), i)), 0, 9);
        if (c.rank() == 0) {
            boolean[] seen = new boolean[c.size()];
            for (int j = 0; j < c.size(); j++) {
                Object in = TestBuffers.ALL.get(1).make(ELEMS);
                Status st = c.Recv(in, MPI.ANY_SOURCE, 9);
                assertTrue(!seen[st.source()], "rank " + st.source() + " twice");
                seen[st.source()] = true;
                assertFilled(TestBuffers.ALL.get(1), in, ELEMS, st.source());
            }
        }
        s.waitFor();
    }
}
