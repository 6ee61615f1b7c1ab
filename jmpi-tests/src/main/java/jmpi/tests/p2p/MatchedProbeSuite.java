package jmpi.tests.p2p;

import static jmpi.tests.Check.fails;
import static jmpi.tests.TestBuffers.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.Message;
import jmpi.Request;
import jmpi.Status;
import jmpi.tests.RankSuite;
import jmpi.tests.RankTest;
import jmpi.tests.TestBuffers;
import jmpi.tests.TestBuffers.Kind;

/** Matched probes and their messages, after mpi4py's test_p2p_buf_matched and test_p2p_obj_matched. */
public class MatchedProbeSuite extends RankSuite {

    private int next() {
        return (comm().rank() + 1) % comm().size();
    }

    private int prev() {
        return (comm().rank() - 1 + comm().size()) % comm().size();
    }

    /** To self, every element kind and counts 0 to size: probed, then received into a buffer. */
    @RankTest
    public void testProbeThenReceiveEveryKind() {
        Comm c = comm();
        for (Kind k : TestBuffers.ALL) {
            for (int n = 0; n <= c.size(); n++) {
                int count = n;
                assertTrue(c.improbe(c.rank(), 0).isEmpty());
                Request<Void> s = c.Isend(k.filled(count, i -> (long) (count + i)), c.rank(), 0);
                Message m = c.Mprobe(c.rank(), 0);
                assertEquals(count, m.status().count());
                assertFalse(m.received());
                Object buf = k.make(count);
                Request<Status> r = m.Irecv(buf);
                assertTrue(m.received());
                assertEquals(count, r.waitFor().count());
                s.waitFor();
                Object expected = k.filled(count, i -> (long) (count + i));
                for (int i = 0; i < count; i++) {
                    assertEquals(get(expected, i), get(buf, i), k + " element " + i);
                }
            }
        }
    }

    /** A probed message is the probe's: a receive posted after it takes the next message, not this one. */
    @RankTest
    public void testAMatchedMessageIsTakenByNoOtherReceive() {
        Comm c = comm();
        c.send("first", next(), 1);
        c.send("second", next(), 1);
        Message m = c.mprobe(prev(), 1);
        assertEquals("second", c.recv(prev(), 1));
        assertEquals("first", m.recv());
        fails(MPI.ERR_REQUEST, m::recv);
        fails(MPI.ERR_REQUEST, () -> m.Recv(new int[1]));
    }

    @RankTest
    public void testImprobeTakesWhatIsThere() {
        Comm c = comm();
        // a tag no rank sends: nothing is there
        assertTrue(c.improbe(MPI.ANY_SOURCE, 12).isEmpty());
        c.send(c.rank() * 10, next(), 2);
        // once a probe has seen it, the message is there to take
        c.probe(prev(), 2);
        Optional<Message> m = c.improbe(MPI.ANY_SOURCE, 2);
        assertTrue(m.isPresent());
        assertEquals(prev(), m.get().status().source());
        assertEquals(2, m.get().status().tag());
        Request<Integer> r = m.get().irecv();
        assertEquals(prev() * 10, r.waitFor());
        assertTrue(c.improbe(prev(), 2).isEmpty());
    }

    /** A message larger than the eager limit comes whole with its probe. */
    @RankTest
    public void testLargeMessage() {
        Comm c = comm();
        double[] big = new double[20_000];
        big[big.length - 1] = c.rank() + 0.5;
        Request<Void> s = c.Isend(big, next(), 3);
        Message m = c.Mprobe(prev(), 3);
        assertEquals(big.length, m.status().count());
        double[] got = new double[big.length];
        m.Recv(got);
        assertEquals(prev() + 0.5, got[got.length - 1]);
        s.waitFor();
    }

    @RankTest
    public void testWrongKindOrSizeFailsAsAReceiveWould() {
        Comm c = comm();
        c.Send(new long[3], c.rank(), 4);
        fails(MPI.ERR_TRUNCATE, () -> c.Mprobe(c.rank(), 4).Recv(new long[2]));
        c.Send(new long[3], c.rank(), 4);
        fails(MPI.ERR_TYPE, () -> c.mprobe(c.rank(), 4).recv());
        c.send("text", c.rank(), 4);
        fails(MPI.ERR_TYPE, () -> c.Mprobe(c.rank(), 4).Recv(new byte[64]));
        fails(MPI.ERR_RANK, () -> c.mprobe(c.size(), 4));
        assertTrue(c.improbe(c.rank(), 4).isEmpty());
    }

    @RankTest
    public void testTheNullProcess() {
        Message m = comm().mprobe(MPI.PROC_NULL, 0);
        assertSame(MPI.MESSAGE_NO_PROC, m);
        assertNull(m.recv());
        Status st = m.Recv(new int[2]);
        assertEquals(MPI.PROC_NULL, st.source());
        assertEquals(0, st.count());
        assertSame(MPI.MESSAGE_NO_PROC, comm().improbe(MPI.PROC_NULL, 0).orElseThrow());
        assertNull(m.irecv().waitFor());
    }
}
