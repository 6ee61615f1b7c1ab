package jmpi.tests.p2p;

import static jmpi.tests.Check.fails;
import static jmpi.tests.Check.same;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.Request;
import jmpi.Status;
import jmpi.tests.Messages;
import jmpi.tests.RankSuite;
import jmpi.tests.RankTest;

/** Point-to-point on objects, after mpi4py's test_p2p_obj. */
public class PointToPointObjectSuite extends RankSuite {

    private int next() {
        return (comm().rank() + 1) % comm().size();
    }

    private int prev() {
        return (comm().rank() - 1 + comm().size()) % comm().size();
    }

    @RankTest
    public void testSendToSelf() {
        Comm c = comm();
        for (Object msg : Messages.ALL) {
            c.send(msg, c.rank(), 3);
            same(msg, c.recv(c.rank(), 3));
        }
    }

    @RankTest
    public void testRing() {
        Comm c = comm();
        // everyone sends before anyone receives: send must not wait for the receive
        for (Object msg : Messages.ALL) {
            c.send(msg, next(), 7);
            same(msg, c.recv(prev(), 7));
        }
    }

    @RankTest
    public void testSendrecv() {
        Comm c = comm();
        int got = c.sendrecv(c.rank(), next(), 1, prev(), 1);
        assertEquals(prev(), got);
    }

    @RankTest
    public void testTagsSelectMessages() {
        Comm c = comm();
        c.send("one", next(), 1);
        c.send("two", next(), 2);
        assertEquals("two", c.recv(prev(), 2));
        assertEquals("one", c.recv(prev(), 1));
    }

    @RankTest
    public void testAnySourceAnyTag() {
        Comm c = comm();
        c.send(c.rank(), 0, 10 + c.rank());
        if (c.rank() == 0) {
            Set<Integer> sources = new HashSet<>();
            for (int i = 0; i < c.size(); i++) {
                Request<Integer> r = c.irecv(MPI.ANY_SOURCE, MPI.ANY_TAG);
                int v = r.waitFor();
                Status st = r.status();
                assertEquals(v, st.source());
                assertEquals(10 + v, st.tag());
                assertTrue(st.count() > 0);
                sources.add(st.source());
            }
            assertEquals(c.size(), sources.size());
        }
        c.barrier();
    }

    @RankTest
    public void testNonOvertaking() {
        Comm c = comm();
        for (int i = 0; i < 200; i++) {
            c.send(i, next(), i % 3);
        }
        for (int i = 0; i < 200; i++) {
            assertEquals(i, (int) c.<Integer>recv(prev(), MPI.ANY_TAG));
        }
    }

    @RankTest
    public void testIsendIrecv() {
        Comm c = comm();
        List<Request<Object>> recvs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            recvs.add(c.irecv(prev(), 5));
        }
        List<Request<Void>> sends = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sends.add(c.isend("m" + i, next(), 5));
        }
        Request.waitAll(sends);
        List<Object> got = Request.waitAll(recvs);
        for (int i = 0; i < 10; i++) {
            assertEquals("m" + i, got.get(i));
        }
    }

    @RankTest
    public void testSsend() {
        Comm c = comm();
        Request<Void> s = c.issend("sync", next(), 4);
        assertEquals("sync", c.recv(prev(), 4));
        s.waitFor();
        // a blocking synchronous send to oneself needs the receive posted first
        Request<Object> r = c.irecv(c.rank(), 0);
        c.ssend("blocking", c.rank(), 0);
        assertEquals("blocking", r.waitFor());
    }

    @RankTest
    public void testSsendWaitsForReceive() {
        Comm c = comm();
        Request<Void> s = c.issend("late", c.rank(), 21);
        // only this rank can receive it, and it has not yet: the send cannot have completed
        Optional<Status> st = c.iprobe(c.rank(), 21);
        assertTrue(st.isPresent());
        assertFalse(s.test());
        assertEquals("late", c.recv(c.rank(), 21));
        s.waitFor();
    }

    @RankTest
    public void testProcNull() {
        Comm c = comm();
        c.send("nowhere", MPI.PROC_NULL);
        c.ssend("nowhere", MPI.PROC_NULL);
        Request<Object> r = c.irecv(MPI.PROC_NULL, MPI.ANY_TAG);
        assertNull(r.waitFor());
        assertEquals(MPI.PROC_NULL, r.status().source());
        assertEquals(MPI.PROC_NULL, c.probe(MPI.PROC_NULL).source());
    }

    @RankTest
    public void testProbe() {
        Comm c = comm();
        assertTrue(c.iprobe(c.rank(), 77).isEmpty());
        c.send(List.of(1, 2), c.rank(), 77);
        Status st = c.probe(c.rank(), 77);
        assertEquals(c.rank(), st.source());
        assertEquals(77, st.tag());
        assertTrue(c.iprobe(MPI.ANY_SOURCE, 77).isPresent());
        assertEquals(List.of(1, 2), c.recv(c.rank(), 77));
        assertTrue(c.iprobe(c.rank(), 77).isEmpty());
    }

    /**
     * A probe that waits for a message not sent yet: each rank's message comes from prev(), which sends
     * it only when this rank says go, after its probe is under way. At one rank, all of it is to oneself.
     */
    @RankTest
    public void testProbeBeforeSend() throws Exception {
        Comm c = comm();
        assertTrue(c.iprobe(prev(), 31).isEmpty(), "sent before anyone said go");
        CompletableFuture<Status> probed = new CompletableFuture<>();
        Thread prober = new Thread(() -> {
            try {
                probed.complete(c.probe(prev(), 31));
            } catch (Throwable e) {
                probed.completeExceptionally(e);
            }
        }, "prober");
        prober.start();
        c.send("go", prev(), 32);
        assertEquals("go", c.recv(next(), 32));
        c.send("later", next(), 31);
        Status st = probed.get(1, TimeUnit.MINUTES);
        assertEquals(prev(), st.source());
        assertEquals(31, st.tag());
        assertEquals("later", c.recv(prev(), 31));
        prober.join();
    }

    @RankTest
    public void testCancelReceive() {
        Comm c = comm();
        Request<Object> r = c.irecv(MPI.ANY_SOURCE, 999);
        r.cancel();
        assertTrue(r.status().cancelled());
        assertNull(r.waitFor());
        // a message sent afterwards is not eaten by the cancelled receive
        c.send("kept", c.rank(), 999);
        assertEquals("kept", c.recv(c.rank(), 999));
    }

    @RankTest
    public void testBadArguments() {
        Comm c = comm();
        fails(MPI.ERR_RANK, () -> c.send("x", c.size()));
        fails(MPI.ERR_RANK, () -> c.send("x", -5));
        fails(MPI.ERR_RANK, () -> c.recv(c.size()));
        fails(MPI.ERR_TAG, () -> c.send("x", c.rank(), -3));
        fails(MPI.ERR_TAG, () -> c.irecv(c.rank(), -3));
        fails(MPI.ERR_RANK, () -> c.iprobe(c.size() + 2, 0));
        // nothing was sent
        assertTrue(c.iprobe(c.rank(), MPI.ANY_TAG).isEmpty());
        // a sendrecv refused for either half starts neither: no message, and no receive left to take one
        fails(MPI.ERR_RANK, () -> c.sendrecv("x", c.size(), 0, c.rank(), 33));
        fails(MPI.ERR_TAG, () -> c.sendrecv("x", c.rank(), -1, c.rank(), 33));
        fails(MPI.ERR_RANK, () -> c.sendrecv("x", c.rank(), 33, c.size(), 33));
        assertTrue(c.iprobe(c.rank(), 33).isEmpty(), "a refused sendrecv sent its message");
        c.send("later", c.rank(), 33);
        assertTrue(c.iprobe(c.rank(), 33).isPresent(), "a refused sendrecv left its receive posted");
        assertEquals("later", c.recv(c.rank(), 33));
    }
}
