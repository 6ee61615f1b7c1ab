package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The suites' payload equality tells apart what a faulty carrier could turn one payload into. */
class EqualityTest {

    @Test
    void everyPayloadIsItself() {
        for (Object m : Messages.ALL) {
            assertTrue(Messages.same(m, m), Messages.show(m));
        }
    }

    @Test
    void aCollectionOfAnotherClassIsNotTheSame() {
        assertFalse(Messages.same(new TreeSet<>(List.of(1, 2)), new HashSet<>(List.of(1, 2))));
        assertFalse(Messages.same(new ArrayList<>(List.of(1)), new LinkedList<>(List.of(1))));
        assertFalse(Messages.same(new TreeMap<>(Map.of("a", 1)), new HashMap<>(Map.of("a", 1))));
        assertFalse(Messages.same(1, 1L));
        assertFalse(Messages.same(new int[] {1}, new long[] {1}));
    }

    @Test
    void orderCountsWhereTheContainerKeepsOne() {
        assertFalse(Messages.same(new LinkedHashSet<>(List.of("a", "b")), new LinkedHashSet<>(List.of("b", "a"))));
        Map<String, Integer> ab = new LinkedHashMap<>();
        ab.put("a", 1);
        ab.put("b", 2);
        Map<String, Integer> ba = new LinkedHashMap<>();
        ba.put("b", 2);
        ba.put("a", 1);
        assertFalse(Messages.same(ab, ba));
        assertFalse(Messages.same(new ArrayList<>(List.of(1, 2)), new ArrayList<>(List.of(2, 1))));
        // a hash set's or map's order is no part of its value
        assertTrue(Messages.same(new HashSet<>(List.of(1, 2, 3)), new HashSet<>(List.of(3, 2, 1))));
        assertTrue(Messages.same(new HashMap<>(ab), new HashMap<>(ba)));
    }

    @Test
    void elementsAreComparedAllTheWayDown() {
        assertFalse(Messages.same(Arrays.asList(new int[] {1}), Arrays.asList(new int[] {2})));
        assertTrue(Messages.same(Arrays.asList(new int[] {1}), Arrays.asList(new int[] {1})));
        assertFalse(Messages.same(new HashMap<>(Map.of("k", new TreeSet<>(List.of(1)))),
                new HashMap<>(Map.of("k", new HashSet<>(List.of(1))))));
        assertTrue(Messages.same(Double.NaN, Double.NaN));
        assertFalse(Messages.same(-0.0, 0.0));
        assertFalse(Messages.same(new double[] {-0.0}, new double[] {0.0}));
        assertFalse(Messages.same(new Object[] {"a", null}, new Object[] {"a", "b"}));
    }
}
