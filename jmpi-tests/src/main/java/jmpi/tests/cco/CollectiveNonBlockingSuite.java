package jmpi.tests.cco;

import static jmpi.tests.Check.same;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.Request;
import jmpi.tests.Messages;
import jmpi.tests.RankSuite;
import jmpi.tests.RankTest;

/** Non-blocking collectives on objects, after mpi4py's test_cco_nb_obj. */
public class CollectiveNonBlockingSuite extends RankSuite {

    @RankTest
    public void testManyOutstanding() {
        Comm c = comm();
        int n = c.size();
        List<Request<?>> reqs = new ArrayList<>();
        reqs.add(c.ibarrier());
        for (int root = 0; root < n; root++) {
            reqs.add(c.ibcast(c.rank() == root ? "from " + root : null, root));
        }
        reqs.add(c.iallgather(c.rank()));
        reqs.add(c.iallreduce(c.rank() + 1));
        reqs.add(c.ireduce(c.rank(), MPI.MAX, n - 1));
        reqs.add(c.igather(c.rank(), 0));
        reqs.add(c.iscatter(c.rank() == 0 ? IntStream.range(0, n).boxed().toList() : null, 0));
        reqs.add(c.ialltoall(IntStream.range(0, n).map(j -> c.rank() * n + j).boxed().toList()));
        // wait in reverse order: results do not depend on who waits first
        for (int i = reqs.size() - 1; i >= 0; i--) {
            reqs.get(i).waitFor();
        }
        List<Object> results = Request.waitAll(reqs);
        assertNull(results.get(0));
        for (int root = 0; root < n; root++) {
            assertEquals("from " + root, results.get(1 + root));
        }
        int k = 1 + n;
        assertEquals(IntStream.range(0, n).boxed().toList(), results.get(k));
        assertEquals(n * (n + 1) / 2, results.get(k + 1));
        assertEquals(c.rank() == n - 1 ? Integer.valueOf(n - 1) : null, results.get(k + 2));
        assertEquals(c.rank() == 0 ? IntStream.range(0, n).boxed().toList() : null, results.get(k + 3));
        assertEquals(c.rank(), results.get(k + 4));
        assertEquals(IntStream.range(0, n).map(i -> i * n + c.rank()).boxed().toList(), results.get(k + 5));
    }

    @RankTest
    public void testCompletesInBackground() throws Exception {
        Comm c = comm();
        Request<Integer> r = c.iallreduce(1);
        // nobody calls waitFor: the future completes on its own
        assertEquals(c.size(), r.toCompletableFuture().get(30, TimeUnit.SECONDS));
        assertEquals(true, r.test());
    }

    @RankTest
    public void testEveryPayload() {
        Comm c = comm();
        List<Request<Object>> reqs = new ArrayList<>();
        for (Object msg : Messages.ALL) {
            reqs.add(c.ibcast(c.rank() == 0 ? msg : null, 0));
        }
        List<Object> got = Request.waitAll(reqs);
        for (int i = 0; i < got.size(); i++) {
            same(Messages.ALL.get(i), got.get(i));
        }
    }
}
