package jmpi.runtime.coll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Op;
import jmpi.runtime.coll.CollectiveTable.Shape;
import jmpi.runtime.wire.Kind;
import org.junit.jupiter.api.Test;

/** Which algorithm the table gives each collective, by size, ranks and op, and by name when forced. */
class CollectiveTableTest {
    private static final int SUM = Op.SUM.ordinal();

    private static String chosen(Kind kind, long bytes, int ranks, Op op) {
        return CollectiveTable.choose(kind, Shape.of(bytes, ranks, op.ordinal())).name();
    }

    @Test
    void largeBuffersGoRoundARingAndSmallOnesDoNot() {
        long big = CollectiveTable.BCAST_LARGE;
        assertEquals("scatter-allgather", chosen(Kind.BCAST, big, 5, Op.SUM));
        assertEquals("binomial", chosen(Kind.BCAST, big - 1, 5, Op.SUM));
        assertEquals("ring", chosen(Kind.ALLREDUCE, CollectiveTable.REDUCE_LARGE, 4, Op.SUM));
        assertEquals("recursive-doubling", chosen(Kind.ALLREDUCE, CollectiveTable.REDUCE_LARGE - 8, 4, Op.SUM));
        assertEquals("reduce-scatter-gather", chosen(Kind.REDUCE, CollectiveTable.REDUCE_LARGE, 7, Op.MAX));
        assertEquals("binomial", chosen(Kind.REDUCE, CollectiveTable.REDUCE_LARGE - 8, 7, Op.MAX));
        assertEquals("ring", chosen(Kind.ALLGATHER, CollectiveTable.ALLGATHER_LARGE, 3, Op.SUM));
        assertEquals("bruck", chosen(Kind.ALLGATHER, CollectiveTable.ALLGATHER_LARGE - 1, 3, Op.SUM));
    }

    @Test
    void aVeryLargeBcastIsStreamedAtAnyNumberOfRanks() {
        for (int ranks : new int[] {2, 3, 64}) {
            assertEquals("streamed", chosen(Kind.BCAST, BcastStreamed.FROM, ranks, Op.SUM));
        }
        assertEquals("scatter-allgather", chosen(Kind.BCAST, BcastStreamed.FROM - 1, 3, Op.SUM));
    }

    @Test
    void aLargeAlltoallIsStreamedAndObjectsAndUnevenCountsAreNot() {
        for (int ranks : new int[] {2, 4, 64}) {
            assertEquals("streamed", chosen(Kind.ALLTOALL, AlltoallStreamed.FROM, ranks, Op.SUM));
        }
        assertEquals("pairwise", chosen(Kind.ALLTOALL, AlltoallStreamed.FROM - 1, 4, Op.SUM));
        // objects, and Alltoallv whose counts differ between ranks, have no bytes every rank knows
        assertEquals("pairwise", chosen(Kind.ALLTOALL, 0, 4, Op.SUM));
    }

    @Test
    void whatTheRingCannotServeStaysWithTheSmallAlgorithm() {
        long big = 64L << 20;
        // REPLACE and NO_OP pick by rank: only an order-keeping fold gives them right
        assertEquals("recursive-doubling", chosen(Kind.ALLREDUCE, big, 4, Op.REPLACE));
        assertEquals("binomial", chosen(Kind.REDUCE, big, 4, Op.NO_OP));
        // objects have no bytes every rank knows
        assertEquals("binomial", chosen(Kind.BCAST, 0, 5, Op.SUM));
        assertEquals("recursive-doubling", chosen(Kind.ALLREDUCE, 0, 5, Op.SUM));
        // at two ranks a scatter saves the root nothing
        assertEquals("binomial", chosen(Kind.BCAST, BcastStreamed.FROM - 1, 2, Op.SUM));
        // blocks too small to be worth a ring step each
        long blocksTooSmall = CollectiveTable.RING_BLOCK * 1000 - 1;
        assertEquals("recursive-doubling", chosen(Kind.ALLREDUCE, blocksTooSmall, 1000, Op.SUM));
        assertEquals("binomial", chosen(Kind.BCAST, blocksTooSmall, 1000, Op.SUM));
    }

    @Test
    void scanAndExscanRunAmongTheRanks() {
        assertEquals("recursive-doubling", chosen(Kind.SCAN, 8, 6, Op.PROD));
        assertEquals("recursive-doubling", chosen(Kind.EXSCAN, 1L << 30, 6, Op.REPLACE));
        assertEquals("coordinator", CollectiveTable.viaCoordinator(Kind.SCAN).name());
        assertEquals("coordinator", CollectiveTable.viaCoordinator(Kind.EXSCAN).name());
    }

    @Test
    void reduceScatterHalvesOrGoesRoundARingUnlessTheOpKeepsRankOrder() {
        assertEquals("recursive-halving", chosen(Kind.REDUCE_SCATTER, 8, 5, Op.SUM));
        assertEquals("recursive-halving", chosen(Kind.REDUCE_SCATTER, CollectiveTable.REDUCE_LARGE - 8, 5, Op.MAX));
        assertEquals("ring", chosen(Kind.REDUCE_SCATTER, CollectiveTable.REDUCE_LARGE, 5, Op.SUM));
        assertEquals("ring", chosen(Kind.REDUCE_SCATTER, 1L << 30, 3, Op.MINLOC));
        assertEquals("binomial", chosen(Kind.REDUCE_SCATTER, 1L << 30, 3, Op.REPLACE));
        assertEquals("binomial", chosen(Kind.REDUCE_SCATTER, 8, 4, Op.NO_OP));
        assertEquals("pairwise", chosen(Kind.ALLTOALLW, 0, 4, Op.SUM));
        assertEquals("coordinator", CollectiveTable.viaCoordinator(Kind.REDUCE_SCATTER).name());
        assertEquals("coordinator", CollectiveTable.viaCoordinator(Kind.ALLTOALLW).name());
    }

    @Test
    void blocksCutAtCountsFollowOneAnother() {
        Blocks b = Blocks.ofCounts(new int[] {2, 0, 3}, 8);
        assertEquals(40, b.bytes());
        assertEquals(3, b.count());
        assertEquals(0, b.offset(0));
        assertEquals(16, b.offset(1));
        assertEquals(0, b.length(1));
        assertEquals(24, b.length(2));
        assertEquals(2, b.wrap(-1));
    }

    @Test
    void aNameForcesItsAlgorithmAtAnySize() {
        System.setProperty("jmpi.coll.allreduce", "ring");
        try {
            assertEquals("ring", CollectiveTable.choose(Kind.ALLREDUCE, Shape.of(8, 3, SUM)).name());
        } finally {
            System.clearProperty("jmpi.coll.allreduce");
        }
        System.setProperty("jmpi.coll.exscan", "tree");
        try {
            MPIException e = assertThrows(MPIException.class,
                    () -> CollectiveTable.choose(Kind.EXSCAN, Shape.of(8, 3, SUM)));
            assertEquals(MPI.ERR_ARG, e.getErrorClass());
            assertTrue(e.getMessage().contains("[recursive-doubling, coordinator]"), e.getMessage());
        } finally {
            System.clearProperty("jmpi.coll.exscan");
        }
    }

    @Test
    void blocksCutOnWholeUnitsAndCoverTheBuffer() {
        // 10 pairs of 8-byte values among 4 ranks: 2 or 3 pairs each, as even as whole pairs allow
        Blocks b = new Blocks(10 * 16, 16, 4);
        int total = 0;
        for (int i = 0; i < 4; i++) {
            assertEquals(0, b.length(i) % 16, "block " + i);
            assertTrue(b.length(i) == 32 || b.length(i) == 48, "block " + i + " of " + b.length(i));
            assertEquals(total, b.offset(i));
            total += b.length(i);
        }
        assertEquals(160, total);
        // fewer units than blocks: some blocks are empty, none is cut inside a unit
        Blocks few = new Blocks(2 * 4, 4, 5);
        assertEquals(8, few.offset(5));
        assertEquals(2, IntStream.range(0, 5).filter(i -> few.length(i) == 4).count());
        assertEquals(4, few.wrap(-1));
        assertEquals(0, few.wrap(5));
    }
}
