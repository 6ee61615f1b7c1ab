package jmpi.tests.p2p;

import static jmpi.tests.Check.fails;
import static jmpi.tests.TestBuffers.get;
import static jmpi.tests.TestBuffers.norm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.IntBuffer;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Request;
import jmpi.Status;
import jmpi.tests.RankSuite;
import jmpi.tests.RankTest;
import jmpi.tests.TestBuffers;
import jmpi.tests.TestBuffers.Kind;

/** Point-to-point on buffers, after mpi4py's test_p2p_buf. */
public class PointToPointBufferSuite extends RankSuite {

    private int next() {
        return (comm().rank() + 1) % comm().size();
    }

    private int prev() {
        return (comm().rank() - 1 + comm().size()) % comm().size();
    }

    @RankTest
    public void testRing() {
        Comm c = comm();
        for (Kind k : TestBuffers.ALL) {
            c.Send(k.filled(4, i -> (long) (c.rank() + i)), next(), 3);
            Object recv = k.make(4);
            Status st = c.Recv(recv, prev(), 3);
            assertEquals(prev(), st.source());
            assertEquals(3, st.tag());
            assertEquals(4, st.count());
            for (int i = 0; i < 4; i++) {
                assertEquals(norm(k, prev() + i), get(recv, i), k.toString());
            }
        }
    }

    @RankTest
    public void testReceiveBufferLargerThanMessage() {
        Comm c = comm();
        c.Send(new double[] {1, 2}, c.rank(), 8);
        double[] big = {9, 9, 9, 9};
        Status st = c.Recv(big, c.rank(), 8);
        assertEquals(2, st.count());
        assertEquals(2.0, big[1]);
        assertEquals(9.0, big[2]);
    }

    @RankTest
    public void testTruncateLosesNothingElse() {
        Comm c = comm();
        c.Send(new int[] {1, 2, 3}, c.rank(), 9);
        c.Send(new int[] {4}, c.rank(), 9);
        fails(MPI.ERR_TRUNCATE, () -> c.Recv(new int[2], c.rank(), 9));
        int[] one = new int[1];
        c.Recv(one, c.rank(), 9);
        assertEquals(4, one[0]);
    }

    @RankTest
    public void testTypeMismatch() {
        Comm c = comm();
        c.Send(new long[] {1}, c.rank(), 10);
        fails(MPI.ERR_TYPE, () -> c.Recv(new int[2], c.rank(), 10));
        c.send("an object", c.rank(), 11);
        fails(MPI.ERR_TYPE, () -> c.Recv(new byte[64], c.rank(), 11));
        c.Send(new int[] {5}, c.rank(), 12);
        fails(MPI.ERR_TYPE, () -> c.recv(c.rank(), 12));
        fails(MPI.ERR_BUFFER, () -> c.Send(new Object(), c.rank(), 13));
        fails(MPI.ERR_BUFFER, () -> c.Recv(null, c.rank(), 13));
    }

    @RankTest
    public void testNonBlockingAndSync() {
        Comm c = comm();
        IntBuffer in = IntBuffer.allocate(3);
        Request<Status> r = c.Irecv(in, prev(), 14);
        Request<Void> s = c.Issend(new int[] {7, 8, 9}, next(), 14);
        assertEquals(3, r.waitFor().count());
        s.waitFor();
        assertEquals(8, in.get(1));
        assertEquals(0, in.position());
    }

    @RankTest
    public void testSendrecv() {
        Comm c = comm();
        float[] got = new float[1];
        Status st = c.Sendrecv(new float[] {c.rank()}, next(), 15, got, prev(), 15);
        assertEquals(prev(), st.source());
        assertEquals(prev(), got[0]);
        long[] buf = {c.rank()};
        c.Sendrecv_replace(buf, next(), 16, prev(), 16);
        assertEquals(prev(), buf[0]);
    }

    /** A rank or tag out of range is refused before anything is sent, blocking or not. */
    @RankTest
    public void testBadRankAndTag() {
        Comm c = comm();
        int n = c.size();
        MPIException e = fails(MPI.ERR_RANK, () -> c.Send(new int[1], n, 0));
        assertTrue(e.getMessage().contains("rank " + n), e.getMessage());
        fails(MPI.ERR_RANK, () -> c.Send(new int[1], -5, 0));
        fails(MPI.ERR_RANK, () -> c.Isend(new int[1], n + 3, 0));
        fails(MPI.ERR_RANK, () -> c.Ssend(new int[1], n, 0));
        fails(MPI.ERR_RANK, () -> c.Recv(new int[1], n, 0));
        fails(MPI.ERR_RANK, () -> c.Irecv(new int[1], -7, 0));
        e = fails(MPI.ERR_TAG, () -> c.Send(new int[1], c.rank(), -3));
        assertTrue(e.getMessage().contains("tag -3"), e.getMessage());
        fails(MPI.ERR_TAG, () -> c.Send(new int[1], c.rank(), MPI.ANY_TAG));
        fails(MPI.ERR_TAG, () -> c.Isend(new int[1], c.rank(), -3));
        fails(MPI.ERR_TAG, () -> c.Recv(new int[1], c.rank(), -3));
        fails(MPI.ERR_TAG, () -> c.Irecv(new int[1], c.rank(), -3));
        // nothing was sent, and the next message goes through
        assertTrue(c.iprobe(c.rank(), MPI.ANY_TAG).isEmpty());
        c.Send(new int[] {42}, c.rank(), 18);
        int[] got = new int[1];
        c.Recv(got, c.rank(), 18);
        assertEquals(42, got[0]);
    }

    /** A Sendrecv refused for either half starts neither: no message goes out, and no receive is left to take one. */
    @RankTest
    public void testRefusedSendrecvLeavesNothingBehind() {
        Comm c = comm();
        int n = c.size();
        fails(MPI.ERR_RANK, () -> c.Sendrecv(new int[1], n, 0, new int[1], c.rank(), 19));
        fails(MPI.ERR_TAG, () -> c.Sendrecv(new int[1], c.rank(), -3, new int[1], c.rank(), 19));
        fails(MPI.ERR_BUFFER, () -> c.Sendrecv("not a buffer", c.rank(), 0, new int[1], c.rank(), 19));
        fails(MPI.ERR_RANK, () -> c.Sendrecv_replace(new int[1], n, 0, c.rank(), 19));
        fails(MPI.ERR_RANK, () -> c.Sendrecv(new int[] {5}, c.rank(), 19, new int[1], n, 19));
        assertTrue(c.iprobe(c.rank(), 19).isEmpty(), "a refused Sendrecv sent its message");
        // a receive left posted would take this message before the probe could see it
        c.Send(new int[] {6}, c.rank(), 19);
        assertTrue(c.iprobe(c.rank(), 19).isPresent(), "a refused Sendrecv left its receive posted");
        int[] got = new int[1];
        c.Recv(got, c.rank(), 19);
        assertEquals(6, got[0]);
    }

    @RankTest
    public void testProcNullAndProbe() {
        Comm c = comm();
        c.Send(new int[3], MPI.PROC_NULL, 0);
        Status st = c.Recv(new int[3], MPI.PROC_NULL, 0);
        assertEquals(MPI.PROC_NULL, st.source());
        assertEquals(0, st.count());
        c.Send(new short[5], c.rank(), 17);
        Status p = c.probe(c.rank(), 17);
        assertEquals(5, p.count());
        assertTrue(c.iprobe(c.rank(), 17).isPresent());
        c.Recv(new short[5], c.rank(), 17);
    }
}
