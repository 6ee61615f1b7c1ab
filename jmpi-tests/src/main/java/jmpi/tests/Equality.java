package jmpi.tests;

import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * Whether a payload arrived as it was sent: the same classes all the way down (a {@code TreeSet} that
 * arrives as a {@code HashSet} did not arrive), the same order wherever the container keeps one
 * (lists, queues, sorted and linked sets and maps), and the same elements, looking into arrays.
 * Numbers compare as {@link Double#equals} does: NaN is NaN, and -0.0 is not 0.0.
 */
final class Equality {
    private Equality() {
    }

    static boolean same(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null || a.getClass() != b.getClass()) {
            return false;
        }
        if (a instanceof Object[] x) {
            return sameInOrder(Arrays.asList(x), Arrays.asList((Object[]) b));
        }
        if (a.getClass().isArray()) {
            // an array of primitives: Arrays' equals compares floating point values by their bits
            return Objects.deepEquals(a, b);
        }
        if (a instanceof Map<?, ?> x) {
            return sameMap(x, (Map<?, ?>) b);
        }
        if (a instanceof Collection<?> x) {
            Collection<?> y = (Collection<?>) b;
            if (x.size() != y.size()) {
                return false;
            }
            return ordered(x) ? sameInOrder(x, y) : sameInAnyOrder(x, y);
        }
        return a.equals(b);
    }

    /** Whether iteration order is part of the container's value. */
    private static boolean ordered(Collection<?> c) {
        if (c instanceof Set<?>) {
            return c instanceof SortedSet<?> || c instanceof LinkedHashSet<?>;
        }
        return !(c instanceof PriorityQueue<?>);
    }

    private static boolean sameInOrder(Collection<?> x, Collection<?> y) {
        if (x.size() != y.size()) {
            return false;
        }
        Iterator<?> i = x.iterator();
        Iterator<?> j = y.iterator();
        while (i.hasNext()) {
            if (!same(i.next(), j.next())) {
                return false;
            }
        }
        return true;
    }

    /** Every element of x matches a distinct element of y (elements may be arrays, which hash by identity). */
    private static boolean sameInAnyOrder(Collection<?> x, Collection<?> y) {
        List<Object> left = new java.util.ArrayList<>(y);
        for (Object e : x) {
            boolean found = false;
            for (Iterator<Object> it = left.iterator(); it.hasNext(); ) {
                if (same(e, it.next())) {
                    it.remove();
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return left.isEmpty();
    }

    private static boolean sameMap(Map<?, ?> x, Map<?, ?> y) {
        if (x.size() != y.size()) {
            return false;
        }
        if (x instanceof SortedMap<?, ?> || x instanceof LinkedHashMap<?, ?>) {
            Iterator<? extends Map.Entry<?, ?>> i = x.entrySet().iterator();
            Iterator<? extends Map.Entry<?, ?>> j = y.entrySet().iterator();
            while (i.hasNext()) {
                Map.Entry<?, ?> e = i.next();
                Map.Entry<?, ?> f = j.next();
                if (!same(e.getKey(), f.getKey()) || !same(e.getValue(), f.getValue())) {
                    return false;
                }
            }
            return true;
        }
        for (Map.Entry<?, ?> e : x.entrySet()) {
            if (!y.containsKey(e.getKey()) || !same(e.getValue(), y.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
