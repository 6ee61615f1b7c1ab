package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import jmpi.Comm;
import jmpi.Config;
import jmpi.Intercomm;
import org.junit.jupiter.api.Test;

/**
 * Intercommunicators between random groups against a model: each rank joins one of two groups, in
 * an order its random key gives; Merge puts the group that passed high = false first (on a tie, the
 * group of world rank 0), each in its own order; allgather and allreduce give each group the other's.
 */
class IntercommPropertiesTest {

    @Test
    void mergeOrderAndReductionsAcrossFollowTheModel() {
        qt().withExamples(25).forAll(integers().between(2, 6), longs().all()).checkAssert((n, seed) -> {
            try {
                check(n, seed);
            } catch (Throwable e) {
                throw new AssertionError("n=" + n + ", seed=" + seed, e);
            }
        });
    }

    private static void check(int n, long seed) throws Throwable {
        Random random = new Random(seed);
        int[] color = new int[n];
        int[] key = new int[n];
        int[] value = new int[n];
        for (int r = 0; r < n; r++) {
            color[r] = r < 2 ? r : random.nextInt(2);
            key[r] = random.nextInt(4);
            value[r] = random.nextInt(1000) - 500;
        }
        boolean[] high = {random.nextBoolean(), random.nextBoolean()};
        List<List<Integer>> groups = List.of(members(color, key, 0), members(color, key, 1));
        int first = high[0] != high[1] ? (high[0] ? 1 : 0) : color[0];
        List<Integer> merged = new ArrayList<>(groups.get(first));
        merged.addAll(groups.get(1 - first));
        String data = random.nextBoolean() ? Config.DATA_DIRECT : Config.DATA_COORDINATOR;
        try (InJvmJob job = InJvmJob.start(n, data)) {
            job.run((rank, s) -> {
                Comm world = s.world();
                int mine = color[rank];
                List<Integer> others = groups.get(1 - mine);
                Comm local = world.Split(mine, key[rank]);
                Intercomm inter = local.Create_intercomm(0, world, others.get(0), 7);
                try {
                    assertEquals(groups.get(mine).indexOf(rank), inter.rank());
                    assertEquals(others.size(), inter.remoteSize());
                    List<Integer> values = others.stream().map(r -> value[r]).toList();
                    assertEquals(values, inter.allgather(value[rank]));
                    assertEquals(values.stream().mapToInt(Integer::intValue).sum(),
                            (int) inter.<Integer>allreduce(value[rank]));
                    Comm m = inter.Merge(high[mine]);
                    try {
                        assertEquals(merged, m.allgather(rank), data);
                    } finally {
                        m.Free();
                    }
                } finally {
                    inter.Free();
                    local.Free();
                }
            });
        }
    }

    /** The world ranks of a group, in the order a split by key gives them. */
    private static List<Integer> members(int[] color, int[] key, int of) {
        return IntStream.range(0, color.length).filter(r -> color[r] == of).boxed()
                .sorted(Comparator.<Integer>comparingInt(r -> key[r]).thenComparingInt(r -> r)).toList();
    }
}
