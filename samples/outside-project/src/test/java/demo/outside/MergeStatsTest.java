package demo.outside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import jmpi.Comm;
import jmpi.op.OperationRequest;
import jmpi.testing.MPITest;
import jmpi.testing.MPITesting;
import org.junit.jupiter.api.Test;

class MergeStatsTest {

    @MPITest(ranks = {1, 2, 4})
    void theRootGetsTheStatsOfEveryRank(Comm comm) {
        int n = comm.size();
        MergeStats merge = new MergeStats(n - 1);
        Stats mine = Stats.of(LongStream.of(comm.rank()));
        Stats got = comm.submit(OperationRequest.of(merge.group(n), merge, mine)).waitFor();
        if (comm.rank() == n - 1) {
            assertEquals(new Stats(n, (long) n * (n - 1) / 2, 0, n - 1), got);
        } else {
            assertNull(got);
        }
    }

    /** Whatever the numbers and the number of ranks, the root gets what one process computes from all of them. */
    @Test
    void mergingAcrossRanksIsMergingInOneProcess() {
        qt().withExamples(10).forAll(integers().between(1, 5), integers().between(0, 20), longs().all())
                .checkAssert((n, count, seed) -> {
                    long[][] values = IntStream.range(0, n)
                            .mapToObj(r -> new Random(seed + r).longs(count, -1000, 1000).toArray())
                            .toArray(long[][]::new);
                    MergeStats merge = new MergeStats(0);
                    List<Stats> got = MPITesting.call(n, comm -> comm.submit(OperationRequest.of(merge.group(n), merge,
                            Stats.of(LongStream.of(values[comm.rank()])))).waitFor());
                    Stats expected = Stats.of(IntStream.range(0, n).mapToObj(r -> LongStream.of(values[r]))
                            .flatMapToLong(s -> s));
                    assertEquals(expected, got.get(0));
                    got.subList(1, n).forEach(s -> assertNull(s));
                });
    }
}
