package jmpi.tests;

import static jmpi.tests.Check.fails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import jmpi.Group;
import jmpi.MPI;
import jmpi.MPIException;

/**
 * Groups, as mpi4py's group tests: the communicator's group, {@link MPI#GROUP_EMPTY} and a group of
 * this rank alone, each through the same algebra; then the errors of bad ranks and ranges.
 */
public class GroupSuite extends RankSuite {

    /** The groups every algebra test runs on: empty, this rank's alone, the communicator's. */
    private List<Group> groups() {
        Group mine = comm().group();
        return List.of(MPI.GROUP_EMPTY, mine.Incl(new int[] {mine.rank()}), mine);
    }

    @RankTest
    public void testGroupOfTheCommunicator() {
        Group g = comm().group();
        assertEquals(comm().size(), g.size());
        assertEquals(comm().rank(), g.rank());
        assertEquals(g.size(), g.Get_size());
        assertEquals(g.rank(), comm().Get_group().Get_rank());
        g.Free();
        fails(MPI.ERR_GROUP, g::size);
    }

    @RankTest
    public void testEmptyAndSelf() {
        assertEquals(0, MPI.GROUP_EMPTY.size());
        assertEquals(MPI.UNDEFINED, MPI.GROUP_EMPTY.rank());
        MPI.GROUP_EMPTY.Free();
        assertEquals(0, MPI.GROUP_EMPTY.size());
        Group self = comm().group().Incl(new int[] {comm().rank()});
        assertEquals(1, self.size());
        assertEquals(0, self.rank());
        Group others = comm().group().Excl(new int[] {comm().rank()});
        assertEquals(comm().size() - 1, others.size());
        assertEquals(MPI.UNDEFINED, others.rank());
    }

    @RankTest
    public void testCompareAndDup() {
        for (Group g : groups()) {
            assertEquals(MPI.IDENT, Group.Compare(g, g));
            assertEquals(MPI.IDENT, g.Compare(g));
            assertEquals(MPI.IDENT, Group.Compare(g.Dup(), g));
        }
        Group g = comm().group();
        int[] reversed = IntStream.range(0, g.size()).map(i -> g.size() - 1 - i).toArray();
        assertEquals(g.size() > 1 ? MPI.SIMILAR : MPI.IDENT, Group.Compare(g, g.Incl(reversed)));
        assertEquals(MPI.UNEQUAL, Group.Compare(g, MPI.GROUP_EMPTY));
    }

    @RankTest
    public void testUnionIntersectionDifference() {
        Group empty = MPI.GROUP_EMPTY;
        for (Group g : groups()) {
            assertEquals(MPI.IDENT, Group.Compare(Group.Union(empty, g), g));
            assertEquals(MPI.IDENT, Group.Compare(Group.Union(g, empty), g));
            assertEquals(MPI.IDENT, Group.Compare(Group.Union(g, g), g));
            assertEquals(MPI.IDENT, Group.Compare(Group.Intersection(empty, g), empty));
            assertEquals(MPI.IDENT, Group.Compare(Group.Intersection(g, empty), empty));
            assertEquals(MPI.IDENT, Group.Compare(Group.Intersection(g, g), g));
            assertEquals(MPI.IDENT, Group.Compare(Group.Difference(empty, g), empty));
            assertEquals(MPI.IDENT, Group.Compare(Group.Difference(g, empty), g));
            assertEquals(MPI.IDENT, Group.Compare(Group.Difference(g, g), empty));
        }
    }

    @RankTest
    public void testInclExclAndRanges() {
        for (Group g : groups()) {
            assertEquals(MPI.IDENT, Group.Compare(g.Incl(new int[0]), MPI.GROUP_EMPTY));
            assertEquals(MPI.IDENT, Group.Compare(g.Excl(new int[0]), g));
            assertEquals(MPI.IDENT, Group.Compare(g.Range_incl(new int[0][]), MPI.GROUP_EMPTY));
            assertEquals(MPI.IDENT, Group.Compare(g.Range_excl(new int[0][]), g));
            if (g.size() > 0) {
                int[][] all = {{0, g.size() - 1, 1}};
                assertEquals(MPI.IDENT, Group.Compare(g.Range_incl(all), g));
                assertEquals(MPI.IDENT, Group.Compare(g.Range_excl(all), MPI.GROUP_EMPTY));
                int[][] down = {{g.size() - 1, 0, -1}};
                int[] reversed = IntStream.range(0, g.size()).map(i -> g.size() - 1 - i).toArray();
                assertEquals(MPI.IDENT, Group.Compare(g.Range_incl(down), g.Incl(reversed)));
            }
        }
    }

    @RankTest
    public void testTranslateRanks() {
        for (Group g : groups()) {
            int[] thrice = IntStream.range(0, 3 * g.size()).map(i -> i % Math.max(1, g.size())).toArray();
            assertArrayEquals(thrice, Group.Translate_ranks(g, thrice, g));
            int[] world = Group.Translate_ranks(g, thrice);
            assertTrue(IntStream.of(world).allMatch(w -> w >= 0), "world ranks are not negative");
            int[] procNull = {MPI.PROC_NULL, MPI.PROC_NULL};
            assertArrayEquals(procNull, Group.Translate_ranks(g, procNull, g));
            assertTrue(IntStream.of(Group.Translate_ranks(g, thrice, MPI.GROUP_EMPTY)).allMatch(r -> r == MPI.UNDEFINED));
        }
        Group g = comm().group();
        int[] reversed = IntStream.range(0, g.size()).map(i -> g.size() - 1 - i).toArray();
        assertArrayEquals(reversed, Group.Translate_ranks(g, IntStream.range(0, g.size()).toArray(), g.Incl(reversed)));
    }

    @RankTest
    public void testBadRanksAndRangesAreRefused() {
        Group g = comm().group();
        int n = g.size();
        MPIException out = fails(MPI.ERR_RANK, () -> g.Incl(new int[] {n}));
        assertTrue(out.getMessage().contains("rank " + n + " is out of the group's range [0, " + n + ")"), out.getMessage());
        fails(MPI.ERR_RANK, () -> g.Incl(new int[] {-1}));
        MPIException twice = fails(MPI.ERR_RANK, () -> g.Incl(new int[] {0, 0}));
        assertTrue(twice.getMessage().contains("named twice"), twice.getMessage());
        fails(MPI.ERR_RANK, () -> g.Excl(new int[] {0, 0}));
        fails(MPI.ERR_RANK, () -> g.Excl(new int[] {n}));
        fails(MPI.ERR_RANK, () -> Group.Translate_ranks(g, new int[] {n}, g));
        MPIException stride = fails(MPI.ERR_ARG, () -> g.Range_incl(new int[][] {{0, n - 1, 0}}));
        assertTrue(stride.getMessage().contains("stride"), stride.getMessage());
        fails(MPI.ERR_ARG, () -> g.Range_excl(new int[][] {{0, n - 1}}));
        fails(MPI.ERR_RANK, () -> g.Range_incl(new int[][] {{0, n, 1}}));
        fails(MPI.ERR_RANK, () -> g.Range_incl(new int[][] {{0, 0, 1}, {0, 0, 1}}));
        // the group is still whole after the refusals
        assertEquals(MPI.IDENT, Group.Compare(g, comm().group()));
    }
}
