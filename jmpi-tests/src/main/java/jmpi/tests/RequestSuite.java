package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.Request;

/** Requests: waiting and testing one or many, after mpi4py's test_request. */
public class RequestSuite extends RankSuite {

    @RankTest
    public void testWaitAny() {
        Comm c = comm();
        Request<Object> never = c.irecv(c.rank(), 500);
        Request<Void> sent = c.isend("x", c.rank(), 501);
        Request<Object> got = c.irecv(c.rank(), 501);
        List<Request<?>> reqs = List.of(never, got);
        assertEquals(1, Request.waitAny(reqs));
        assertEquals("x", got.waitFor());
        sent.waitFor();
        assertFalse(never.test());
        never.cancel();
        assertTrue(never.status().cancelled());
        assertEquals(MPI.UNDEFINED, Request.waitAny(List.of()));
    }

    /**
     * waitAny, testAll and testSome on receives from another rank (oneself at one rank), which sends each
     * message only when told to: what may complete and what may not is known at every step.
     */
    @RankTest
    public void testWaitAnyTestAllTestSomeWithAPeer() {
        Comm c = comm();
        int next = (c.rank() + 1) % c.size();
        int prev = (c.rank() - 1 + c.size()) % c.size();
        Request<Object> a = c.irecv(prev, 801);
        Request<Object> b = c.irecv(prev, 802);
        List<Request<Object>> reqs = List.of(a, b);
        assertFalse(Request.testAll(reqs));
        assertEquals(0, Request.testSome(reqs).length);
        // first round: the peer sends b only
        c.send("go b", prev, 800);
        assertEquals("go b", c.recv(next, 800));
        c.send("b from " + c.rank(), next, 802);
        assertEquals(1, Request.waitAny(reqs));
        assertEquals("b from " + prev, b.waitFor());
        assertEquals(prev, b.status().source());
        assertFalse(a.test(), "a completed before its message was sent");
        assertFalse(Request.testAll(reqs));
        // second round: then a
        c.send("go a", prev, 803);
        assertEquals("go a", c.recv(next, 803));
        c.send("a from " + c.rank(), next, 801);
        // b completed already, so waitSome over both would return at once: wait over a alone
        assertArrayEquals(new int[] {0}, Request.waitSome(List.of(a)));
        assertTrue(Request.testAll(reqs));
        assertArrayEquals(new int[] {0, 1}, Request.testSome(reqs));
        assertEquals("a from " + prev, a.waitFor());
    }

    @RankTest
    public void testWaitSomeTestAll() {
        Comm c = comm();
        List<Request<Object>> reqs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            reqs.add(c.irecv(c.rank(), 600 + i));
        }
        assertFalse(Request.testAll(reqs));
        assertEquals(0, Request.testSome(reqs).length);
        c.send(2, c.rank(), 602);
        assertArrayEquals(new int[] {2}, Request.waitSome(reqs));
        for (int i : new int[] {0, 1, 3, 4}) {
            c.send(i, c.rank(), 600 + i);
        }
        assertEquals(List.of(0, 1, 2, 3, 4), Request.waitAll(reqs));
        assertTrue(Request.testAll(reqs));
        assertTrue(Request.testAll(List.of()));
    }

    /** A waitSome loop over hundreds of requests that complete out of order, from the other ranks too. */
    @RankTest
    public void testWaitSomeLoopOverManyRequests() {
        Comm c = comm();
        int n = 300;
        int from = (c.rank() + 1) % c.size();
        int to = (c.rank() + c.size() - 1) % c.size();
        List<Request<Object>> reqs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            reqs.add(c.irecv(from, 700 + i));
        }
        List<Request<Void>> sends = new ArrayList<>();
        for (int i = n - 1; i >= 0; i--) {
            sends.add(c.isend(i, to, 700 + i));
        }
        boolean[] seen = new boolean[n];
        int left = n;
        while (left > 0) {
            for (int i : Request.waitSome(reqs)) {
                if (!seen[i]) {
                    seen[i] = true;
                    left--;
                    assertEquals(i, reqs.get(i).waitFor());
                }
            }
        }
        Request.waitAll(sends);
    }

    /** A request made outside the runtime (here, over a future) is waited for too. */
    @RankTest
    public void testWaitAnyOnAForeignRequest() {
        Comm c = comm();
        CompletableFuture<String> f = c.irecv(c.rank(), 800).toCompletableFuture().thenApply(x -> "got " + x);
        Request<String> foreign = new Request<>() {
            @Override
            public String waitFor() {
                return f.join();
            }

            @Override
            public boolean test() {
                return f.isDone();
            }

            @Override
            public jmpi.Status status() {
                f.join();
                return new jmpi.Status(c.rank(), 800, 1, false);
            }

            @Override
            public void cancel() {
            }

            @Override
            public CompletableFuture<String> toCompletableFuture() {
                return f.copy();
            }
        };
        Request<Object> never = c.irecv(c.rank(), 801);
        c.send(5, c.rank(), 800);
        assertEquals(1, Request.waitAny(List.of(never, foreign)));
        assertEquals("got 5", foreign.waitFor());
        never.cancel();
        assertTrue(never.status().cancelled());
    }

    @RankTest
    public void testCompletableFuture() throws Exception {
        Comm c = comm();
        CompletableFuture<Integer> f = c.<Integer>iallreduce(2).toCompletableFuture();
        assertEquals(2 * c.size(), f.thenApply(x -> x).get(30, TimeUnit.SECONDS));
        // completing the copy from outside cannot change the request
        Request<Integer> r = c.iallreduce(1);
        r.toCompletableFuture().complete(-1);
        assertEquals(c.size(), r.waitFor());
    }

    @RankTest
    public void testFailedRequestThrowsItsException() {
        Comm c = comm();
        Request<Object> r = c.iallreduce("a", MPI.MAX);
        assertEquals("a", r.waitFor());
        Request<Object> bad = c.iallreduce("a", MPI.PROD);
        jmpi.MPIException e = org.junit.jupiter.api.Assertions.assertThrows(jmpi.MPIException.class, bad::waitFor);
        assertEquals(MPI.ERR_OP, e.errorClass());
        assertTrue(bad.test());
        assertTrue(bad.toCompletableFuture().isCompletedExceptionally());
    }
}
