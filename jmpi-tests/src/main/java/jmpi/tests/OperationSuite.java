package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.Request;
import jmpi.op.CommunicationGroup;
import jmpi.op.OperationRequest;
import jmpi.tests.ops.PairSum;

/** Custom operations submitted as operation requests. */
public class OperationSuite extends RankSuite {

    private Integer expectedPairSum(int rank, int size) {
        if (rank % 2 != 0) {
            return null;
        }
        return rank + 1 < size ? rank + rank + 1 : rank;
    }

    @RankTest
    public void testPairReduce() {
        Comm c = comm();
        PairSum ctx = new PairSum(MPI.SUM);
        Integer r = c.submit(OperationRequest.of(ctx.group(c.size()), ctx, c.rank())).waitFor();
        assertEquals(expectedPairSum(c.rank(), c.size()), r);
    }

    @RankTest
    public void testCallbackRunsBeforeCompletion() {
        Comm c = comm();
        PairSum ctx = new PairSum(MPI.MAX);
        Request<String> r = c.submit(OperationRequest.of(ctx.group(c.size()), ctx, c.rank()),
                v -> v == null ? "none" : "max " + v);
        Integer expected = c.rank() % 2 != 0 ? null : Math.min(c.rank() + 1, c.size() - 1);
        assertEquals(expected == null ? "none" : "max " + expected, r.waitFor());
    }

    @RankTest
    public void testManyInFlight() {
        Comm c = comm();
        PairSum ctx = new PairSum(MPI.SUM);
        List<Request<Integer>> reqs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            reqs.add(c.submit(OperationRequest.of(ctx.group(c.size()), ctx, c.rank() * i)));
        }
        for (int i = 0; i < 20; i++) {
            Integer e = expectedPairSum(c.rank(), c.size());
            assertEquals(e == null ? null : e * i, reqs.get(i).waitFor());
        }
    }

    @RankTest
    public void testSubgroupAndOutsider() {
        Comm c = comm();
        // only rank 0 takes part: the others get null at once, without waiting
        PairSum ctx = new PairSum(MPI.SUM);
        CommunicationGroup solo = CommunicationGroup.of(List.of(0), List.of(0));
        Integer r = c.submit(OperationRequest.of(solo, ctx, 42)).waitFor();
        assertEquals(c.rank() == 0 ? Integer.valueOf(42) : null, r);
        // a destination that is no source: PairSum gives it the sum of itself and its neighbour, none here
        CommunicationGroup toLast = CommunicationGroup.of(IntStream.of(0), IntStream.of(c.size() - 1));
        Integer got = c.submit(OperationRequest.of(toLast, ctx, 7)).waitFor();
        if (c.size() == 1) {
            assertEquals(7, got);
        } else {
            assertNull(got);
        }
    }

    @RankTest
    public void testBadGroup() {
        Comm c = comm();
        PairSum ctx = new PairSum(MPI.SUM);
        CommunicationGroup tooBig = CommunicationGroup.of(List.of(0, c.size()), List.of(0));
        Check.fails(MPI.ERR_RANK, () -> c.submit(OperationRequest.of(tooBig, ctx, 1)));
    }
}
