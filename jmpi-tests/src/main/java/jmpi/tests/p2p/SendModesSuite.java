package jmpi.tests.p2p;

import static jmpi.tests.Check.fails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Request;
import jmpi.Status;
import jmpi.tests.RankSuite;
import jmpi.tests.RankTest;

/** Combined send-receive, ready and buffered sends, after mpi4py's test_p2p_buf and test_p2p_obj. */
public class SendModesSuite extends RankSuite {

    private int next() {
        return (comm().rank() + 1) % comm().size();
    }

    private int prev() {
        return (comm().rank() - 1 + comm().size()) % comm().size();
    }

    @RankTest
    public void testIsendrecvObjectsAndBuffers() {
        Comm c = comm();
        Request<String> r = c.isendrecv("from " + c.rank(), next(), 1, prev(), 1);
        assertEquals("from " + prev(), r.waitFor());
        assertEquals(prev(), r.status().source());
        int[] got = new int[3];
        Request<Status> b = c.Isendrecv(new int[] {c.rank(), 7, 8}, next(), 2, got, prev(), 2);
        Status st = b.waitFor();
        assertEquals(3, st.count());
        assertEquals(MPI.SUCCESS, st.error());
        assertArrayEquals(new int[] {prev(), 7, 8}, got);
        // to and from the null process: nothing moves, the receive says so
        Status none = c.Isendrecv(new int[1], MPI.PROC_NULL, 3, new int[1], MPI.PROC_NULL, 3).waitFor();
        assertEquals(MPI.PROC_NULL, none.source());
    }

    @RankTest
    public void testRefusedIsendrecvStartsNeither() {
        Comm c = comm();
        fails(MPI.ERR_RANK, () -> c.isendrecv("x", c.size(), 0, c.rank(), 4));
        fails(MPI.ERR_TAG, () -> c.Isendrecv(new int[1], c.rank(), -2, new int[1], c.rank(), 4));
        assertTrue(c.iprobe(MPI.ANY_SOURCE, 4).isEmpty());
        c.send("after", c.rank(), 4);
        assertEquals("after", c.recv(c.rank(), 4));
    }

    @RankTest
    public void testReadySend() {
        Comm c = comm();
        long[] got = new long[2];
        Request<Status> r = c.Irecv(got, prev(), 5);
        c.Barrier();
        c.Rsend(new long[] {c.rank(), -1}, next(), 5);
        r.waitFor();
        assertArrayEquals(new long[] {prev(), -1}, got);
        c.Barrier();
        Request<Status> r2 = c.Irecv(got, prev(), 6);
        c.Barrier();
        c.Irsend(new long[] {9, 9}, next(), 6).waitFor();
        assertEquals(2, r2.waitFor().count());
    }

    @RankTest
    public void testBufferedSendsUseTheAttachedSpaceAndGiveItBack() {
        Comm c = comm();
        fails(MPI.ERR_BUFFER, () -> c.Bsend(new int[4], next(), 7));
        int room = 2 * (4 * 1000 + MPI.BSEND_OVERHEAD) + 1024;
        c.Attach_buffer(room);
        fails(MPI.ERR_BUFFER, () -> c.Attach_buffer(10));
        // copied and complete at once, whether or not the receive is there
        c.Bsend(new int[1000], next(), 7);
        Request<Void> obj = c.ibsend("buffered " + c.rank(), next(), 7);
        assertTrue(obj.test());
        int[] got = new int[1000];
        assertEquals(1000, c.Recv(got, prev(), 7).count());
        assertEquals("buffered " + prev(), c.recv(prev(), 7));
        // a message larger than the whole space is refused and nothing goes
        MPIException e = fails(MPI.ERR_BUFFER, () -> c.Bsend(new int[room], next(), 8));
        assertTrue(e.getMessage().contains("attach a larger buffer"), e.getMessage());
        c.Barrier();
        assertTrue(c.iprobe(prev(), 8).isEmpty());
        assertEquals(room, c.Detach_buffer());
        fails(MPI.ERR_BUFFER, () -> c.Detach_buffer());
        fails(MPI.ERR_BUFFER, () -> c.Ibsend(new int[1], next(), 9));
    }

    @RankTest
    public void testBufferedSendToTheNullProcessNeedsNoSpace() {
        comm().Bsend(new double[3], MPI.PROC_NULL, 1);
        comm().bsend("nothing", MPI.PROC_NULL, 1);
    }

    @RankTest
    public void testTestAny() {
        Comm c = comm();
        assertEquals(MPI.UNDEFINED, Request.testAny(List.of()));
        Request<Object> waiting = c.irecv(c.rank(), 10);
        assertEquals(MPI.UNDEFINED, Request.testAny(List.of(waiting)));
        c.send("now", c.rank(), 10);
        waiting.waitFor();
        Request<Object> other = c.irecv(c.rank(), 11);
        assertEquals(1, Request.testAny(List.of(other, waiting)));
        c.send("done", c.rank(), 11);
        other.waitFor();
    }
}
