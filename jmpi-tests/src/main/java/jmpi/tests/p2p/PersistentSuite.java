package jmpi.tests.p2p;

import static jmpi.tests.Check.fails;
import static jmpi.tests.TestBuffers.get;
import static jmpi.tests.TestBuffers.norm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Prequest;
import jmpi.Request;
import jmpi.Status;
import jmpi.tests.RankSuite;
import jmpi.tests.RankTest;
import jmpi.tests.TestBuffers;
import jmpi.tests.TestBuffers.Kind;

/** Persistent sends and receives, after mpi4py's test_p2p_buf persistent cases. */
public class PersistentSuite extends RankSuite {
    private static final int STARTS = 3;
    /** What a receive buffer holds where nothing may land: a value every element type can hold. */
    private static final long UNTOUCHED = 99;

    private int next() {
        return (comm().rank() + 1) % comm().size();
    }

    private int prev() {
        return (comm().rank() - 1 + comm().size()) % comm().size();
    }

    /** Element i of what rank from sends at start step. */
    private static long value(int from, int step, int i) {
        return from * 7L + step * 3L + i;
    }

    private static void fill(Object buf, int n, int from, int step) {
        for (int i = 0; i < n; i++) {
            TestBuffers.set(buf, i, value(from, step, i));
        }
    }

    /** Asserts the first n elements came from rank from at step and the rest are untouched. */
    private static void expect(Kind k, Object recv, int n, int room, int from, int step) {
        for (int i = 0; i < room; i++) {
            long want = i < n ? value(from, step, i) : UNTOUCHED;
            assertEquals(norm(k, want), get(recv, i), k + " element " + i + " of start " + step);
        }
    }

    /** Sends of every mode to the next rank, each made once and started again with new contents. */
    private void ring(Kind k, int n, int room, String mode) {
        Comm c = comm();
        Object send = k.make(n);
        Object recv = k.filled(room, i -> UNTOUCHED);
        Prequest<Status> r = c.Recv_init(recv, prev(), 4);
        Prequest<Void> s = switch (mode) {
            case "Ssend" -> c.Ssend_init(send, next(), 4);
            case "Bsend" -> c.Bsend_init(send, next(), 4);
            case "Rsend" -> c.Rsend_init(send, next(), 4);
            default -> c.Send_init(send, next(), 4);
        };
        for (int step = 0; step < STARTS; step++) {
            fill(send, n, c.rank(), step);
            r.start();
            if (mode.equals("Rsend")) {
                // a ready send may start only once its receive is posted
                c.Barrier();
            }
            s.start();
            s.waitFor();
            Status st = r.waitFor();
            assertEquals(prev(), st.source());
            assertEquals(4, st.tag());
            assertEquals(n, st.count());
            expect(k, recv, n, room, prev(), step);
        }
        r.free();
        s.free();
    }

    @RankTest
    public void testEveryModeEveryTypeStartedAgainWithNewContents() {
        Comm c = comm();
        c.Attach_buffer(64 * 1024);
        for (Kind k : TestBuffers.ALL) {
            for (int n = 0; n <= c.size(); n += Math.max(1, c.size() / 2)) {
                for (String mode : List.of("Send", "Ssend", "Bsend", "Rsend")) {
                    ring(k, n, n + 2, mode);
                }
            }
        }
        c.Detach_buffer();
    }

    @RankTest
    public void testStartAllOnAMixAndWaitAll() {
        Comm c = comm();
        int[] sendInts = new int[3];
        int[] recvInts = new int[3];
        double[] sendDoubles = new double[2];
        double[] recvDoubles = new double[2];
        List<Integer> object = new ArrayList<>();
        List<Prequest<?>> all = List.of(
                c.Recv_init(recvInts, prev(), 1),
                c.Recv_init(recvDoubles, prev(), 2),
                c.recv_init(prev(), 3),
                c.Send_init(sendInts, next(), 1),
                c.Ssend_init(sendDoubles, next(), 2),
                c.send_init(object, next(), 3));
        for (int step = 0; step < STARTS; step++) {
            fill(sendInts, 3, c.rank(), step);
            fill(sendDoubles, 2, c.rank(), step);
            // the object is serialized at each start: what it holds then is what goes
            object.add(c.rank() * 100 + step);
            Prequest.startAll(all);
            List<Object> results = Request.waitAll(all);
            assertTrue(Request.testAll(all));
            expect(TestBuffers.ALL.get(3), recvInts, 3, 3, prev(), step);
            for (int i = 0; i < 2; i++) {
                assertEquals((double) value(prev(), step, i), recvDoubles[i]);
            }
            List<Integer> want = new ArrayList<>();
            for (int s = 0; s <= step; s++) {
                want.add(prev() * 100 + s);
            }
            assertEquals(want, results.get(2));
            assertEquals(want, all.get(2).waitFor(), "the last result stays readable");
            assertEquals(prev(), all.get(2).status().source());
        }
        all.forEach(Prequest::free);
    }

    @RankTest
    public void testStartingAnActiveRequestIsRefusedAndTheJobGoesOn() {
        Comm c = comm();
        long[] buf = new long[2];
        Prequest<Status> r = c.Recv_init(buf, c.rank(), 5);
        r.start();
        MPIException e = fails(MPI.ERR_REQUEST, r::start);
        assertTrue(e.getMessage().contains("active"), e.getMessage());
        // refused in a list too; those before it are started
        Prequest<Status> other = c.Recv_init(new long[2], c.rank(), 6);
        fails(MPI.ERR_REQUEST, () -> Prequest.startAll(List.of(other, r)));
        assertFalse(r.test());
        c.Send(new long[] {5, 6}, c.rank(), 5);
        c.Send(new long[] {7, 8}, c.rank(), 6);
        assertEquals(2, r.waitFor().count());
        assertEquals(6L, buf[1]);
        assertEquals(2, other.waitFor().count());
        // complete, so inactive: it starts again
        r.start();
        c.Send(new long[] {9, 10}, c.rank(), 5);
        r.waitFor();
        assertEquals(10L, buf[1]);
        r.free();
        other.free();
    }

    @RankTest
    public void testTestCompletesAndMakesTheRequestInactive() {
        Comm c = comm();
        Prequest<Object> r = c.recv_init(c.rank(), 7);
        Prequest<Void> s = c.send_init("x", c.rank(), 7);
        for (int step = 0; step < STARTS; step++) {
            r.start();
            assertFalse(r.test());
            s.start();
            Request.waitAll(List.of(s));
            r.status();
            assertTrue(r.test());
            assertEquals("x", r.waitFor());
        }
        // a test that saw completion is enough to start again: waitAny tests
        r.start();
        s.start();
        s.waitFor();
        assertEquals(0, Request.waitAny(List.of(r)));
        r.start();
        c.send("y", c.rank(), 7);
        assertEquals("y", r.waitFor());
    }

    @RankTest
    public void testInactiveAndFreedRequestsAnswerAtOnce() {
        Comm c = comm();
        Prequest<Status> never = c.Recv_init(new int[1], MPI.ANY_SOURCE, MPI.ANY_TAG);
        assertTrue(never.test());
        assertNull(never.waitFor());
        Status empty = never.status();
        assertEquals(MPI.ANY_SOURCE, empty.source());
        assertEquals(MPI.ANY_TAG, empty.tag());
        assertEquals(0, empty.count());
        assertTrue(Request.testAll(List.of(never)));
        never.free();
        MPIException e = fails(MPI.ERR_REQUEST, never::start);
        assertTrue(e.getMessage().contains("freed"), e.getMessage());
        // freeing an active send: the message still arrives
        Prequest<Void> s = c.Send_init(new int[] {42}, c.rank(), 8);
        s.start();
        s.free();
        assertNull(s.waitFor());
        int[] got = new int[1];
        c.Recv(got, c.rank(), 8);
        assertEquals(42, got[0]);
    }

    @RankTest
    public void testCancelledReceiveStartsAgain() {
        Comm c = comm();
        int[] buf = new int[1];
        Prequest<Status> r = c.Recv_init(buf, c.rank(), 9);
        r.start();
        r.cancel();
        assertTrue(r.status().cancelled());
        r.start();
        c.Send(new int[] {3}, c.rank(), 9);
        assertFalse(r.waitFor().cancelled());
        assertEquals(3, buf[0]);
    }

    @RankTest
    public void testProcNullPeers() {
        Comm c = comm();
        List<Prequest<?>> nulls = List.of(
                c.Send_init(new int[2], MPI.PROC_NULL, 0),
                c.Ssend_init(new int[2], MPI.PROC_NULL, 0),
                c.Bsend_init(new int[2], MPI.PROC_NULL, 0),
                c.Rsend_init(new int[2], MPI.PROC_NULL, 0),
                c.send_init("nobody", MPI.PROC_NULL, 0),
                c.Recv_init(new int[2], MPI.PROC_NULL, 0),
                c.recv_init(MPI.PROC_NULL, 0));
        for (int step = 0; step < STARTS; step++) {
            Prequest.startAll(nulls);
            Request.waitAll(nulls);
            assertEquals(MPI.PROC_NULL, nulls.get(5).status().source());
            assertEquals(0, nulls.get(5).status().count());
            assertEquals(MPI.PROC_NULL, nulls.get(6).status().source());
            assertNull(nulls.get(6).waitFor());
        }
        nulls.forEach(Prequest::free);
    }

    @RankTest
    public void testBadArgumentsFailAtInit() {
        Comm c = comm();
        fails(MPI.ERR_RANK, () -> c.Send_init(new int[1], c.size(), 0));
        fails(MPI.ERR_RANK, () -> c.Recv_init(new int[1], -5, 0));
        fails(MPI.ERR_TAG, () -> c.Ssend_init(new int[1], 0, -1));
        fails(MPI.ERR_TAG, () -> c.recv_init(0, -7));
        fails(MPI.ERR_RANK, () -> c.send_init("x", c.size(), 0));
        fails(MPI.ERR_BUFFER, () -> c.Bsend_init("not a buffer", 0, 0));
        fails(MPI.ERR_BUFFER, () -> c.Recv_init(new Object(), 0, 0));
        // nothing was sent by the refused calls; the second barrier keeps the next test's messages out
        c.Barrier();
        assertTrue(c.iprobe(MPI.ANY_SOURCE, MPI.ANY_TAG).isEmpty());
        c.Barrier();
    }

    @RankTest
    public void testTruncatedStartFailsAndTheNextOneWorks() {
        Comm c = comm();
        short[] small = new short[1];
        Prequest<Status> r = c.Recv_init(small, c.rank(), 10);
        r.start();
        c.Send(new short[] {1, 2}, c.rank(), 10);
        fails(MPI.ERR_TRUNCATE, r::waitFor);
        r.start();
        c.Send(new short[] {3}, c.rank(), 10);
        assertEquals(1, r.waitFor().count());
        assertEquals(3, small[0]);
    }
}
