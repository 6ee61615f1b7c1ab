package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import jmpi.Group;
import jmpi.MPI;
import org.junit.jupiter.api.Test;

/**
 * The group operations against a model of each group as a list of world ranks: random groups of up
 * to twelve processes, the operations' results compared with what {@link List} and {@link java.util.Set}
 * say they must be.
 */
class GroupAlgebraPropertiesTest {
    private static final int WORLD = 12;
    private static final int SELF = 3;

    /** Up to WORLD distinct world ranks in a random order. */
    private static List<Integer> randomRanks(Random r) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < WORLD; i++) {
            all.add(i);
        }
        Collections.shuffle(all, r);
        return new ArrayList<>(all.subList(0, r.nextInt(WORLD + 1)));
    }

    private static Group group(List<Integer> ranks) {
        return Group.of(SELF, ranks.stream().mapToInt(Integer::intValue).toArray());
    }

    private static List<Integer> model(Group g) {
        List<Integer> l = new ArrayList<>();
        for (int w : g.worldRanks()) {
            l.add(w);
        }
        return l;
    }

    /** A random selection of distinct ranks of a group of n, in a random order. */
    private static int[] someRanks(Random r, int n) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            idx.add(i);
        }
        Collections.shuffle(idx, r);
        return idx.subList(0, n == 0 ? 0 : r.nextInt(n + 1)).stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void unionIntersectionDifferenceFollowTheListModel() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            List<Integer> a = randomRanks(r);
            List<Integer> b = randomRanks(r);
            LinkedHashSet<Integer> union = new LinkedHashSet<>(a);
            union.addAll(b);
            assertEquals(new ArrayList<>(union), model(Group.Union(group(a), group(b))));
            assertEquals(a.stream().filter(b::contains).toList(), model(Group.Intersection(group(a), group(b))));
            assertEquals(a.stream().filter(w -> !b.contains(w)).toList(), model(Group.Difference(group(a), group(b))));
            int expected = a.equals(b) ? MPI.IDENT : new HashSet<>(a).equals(new HashSet<>(b)) ? MPI.SIMILAR : MPI.UNEQUAL;
            assertEquals(expected, Group.Compare(group(a), group(b)));
            // shuffled, a group stays SIMILAR (or IDENT when the order did not change)
            List<Integer> shuffled = new ArrayList<>(a);
            Collections.shuffle(shuffled, r);
            assertEquals(shuffled.equals(a) ? MPI.IDENT : MPI.SIMILAR, Group.Compare(group(a), group(shuffled)));
        });
    }

    @Test
    void inclExclAndRankFollowTheListModel() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            List<Integer> a = randomRanks(r);
            Group g = group(a);
            assertEquals(a.contains(SELF) ? a.indexOf(SELF) : MPI.UNDEFINED, g.rank());
            assertEquals(a.size(), g.size());
            int[] chosen = someRanks(r, a.size());
            List<Integer> included = new ArrayList<>();
            for (int i : chosen) {
                included.add(a.get(i));
            }
            assertEquals(included, model(g.Incl(chosen)));
            assertEquals(a.stream().filter(w -> !included.contains(w)).toList(), model(g.Excl(chosen)));
            // Incl then Excl of the same ranks partition the group
            assertEquals(new HashSet<>(a), new HashSet<>(model(Group.Union(g.Incl(chosen), g.Excl(chosen)))));
        });
    }

    @Test
    void rangesAreTheirRanksListed() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            List<Integer> a = randomRanks(r);
            if (a.isEmpty()) {
                return;
            }
            int first = r.nextInt(a.size());
            int last = r.nextInt(a.size());
            int stride = (1 + r.nextInt(3)) * (last >= first ? 1 : -1);
            List<Integer> ranks = new ArrayList<>();
            for (int i = first; stride > 0 ? i <= last : i >= last; i += stride) {
                ranks.add(i);
            }
            int[] listed = ranks.stream().mapToInt(Integer::intValue).toArray();
            Group g = group(a);
            int[][] range = {{first, last, stride}};
            assertEquals(model(g.Incl(listed)), model(g.Range_incl(range)));
            assertEquals(model(g.Excl(listed)), model(g.Range_excl(range)));
        });
    }

    @Test
    void translateRanksFindsEachProcessInTheOtherGroup() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            List<Integer> a = randomRanks(r);
            List<Integer> b = randomRanks(r);
            int[] ranks = someRanks(r, a.size());
            int[] expected = new int[ranks.length];
            int[] world = new int[ranks.length];
            for (int i = 0; i < ranks.length; i++) {
                int w = a.get(ranks[i]);
                expected[i] = b.contains(w) ? b.indexOf(w) : MPI.UNDEFINED;
                world[i] = w;
            }
            assertArrayEquals(expected, Group.Translate_ranks(group(a), ranks, group(b)));
            assertArrayEquals(world, Group.Translate_ranks(group(a), ranks));
        });
    }
}
