package jmpi.tests;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Edge-case payloads shared by the object suites, after mpi4py's {@code messages}. */
public final class Messages {
    /** Every payload an object operation must carry unchanged. */
    public static final List<Object> ALL;

    static {
        List<Object> m = new ArrayList<>();
        m.add(null);
        m.add(true);
        m.add(false);
        m.add(0);
        m.add(-1);
        m.add(Integer.MIN_VALUE);
        m.add(Long.MAX_VALUE);
        m.add(Long.MIN_VALUE);
        m.add((short) -7);
        m.add((byte) 127);
        m.add('j');
        m.add(3.14);
        m.add(-0.0);
        m.add(Double.NaN);
        m.add(Double.POSITIVE_INFINITY);
        m.add(1.5f);
        m.add("");
        m.add("jmpi");
        m.add("ünïcødé ✓ 数据");
        m.add(new BigInteger("123456789012345678901234567890"));
        m.add(new BigDecimal("-1.000000000000000000001"));
        m.add(new ArrayList<>(List.of(1, 2, 3)));
        m.add(Arrays.asList("a", null, "c"));
        m.add(List.of());
        m.add(new TreeSet<>(List.of(3, 1, 2)));
        Map<String, Object> map = new HashMap<>();
        map.put("one", 1);
        map.put("none", null);
        map.put("list", new ArrayList<>(List.of(1L, 2L)));
        m.add(map);
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("inner", new TreeMap<>(Map.of("x", List.of(1.0, 2.0))));
        nested.put("deep", new ArrayList<>(List.of(new ArrayList<>(List.of(new ArrayList<>(List.of("z")))))));
        m.add(nested);
        // orders a hash would not keep: insertion order, and a sorted set's comparator's order
        Map<String, Integer> inserted = new LinkedHashMap<>();
        for (String k : List.of("zeta", "alpha", "mu", "beta", "omega")) {
            inserted.put(k, k.length());
        }
        m.add(inserted);
        m.add(new LinkedHashSet<>(List.of("c", "a", "b")));
        m.add(new TreeSet<>(List.of("b", "a", "c")));
        m.add(new int[] {1, 2, 3});
        m.add(new double[] {Double.MIN_VALUE, -1});
        m.add(new byte[0]);
        m.add(new long[] {Long.MAX_VALUE});
        m.add(new boolean[] {true, false});
        m.add(new String[] {"x", null});
        ALL = java.util.Collections.unmodifiableList(m);
    }

    private Messages() {
    }

    /** Equality that looks into arrays and compares classes and, where a container keeps one, order. */
    public static boolean same(Object a, Object b) {
        return Equality.same(a, b);
    }

    /** A readable form that looks into arrays. */
    public static String show(Object o) {
        return Arrays.deepToString(new Object[] {o});
    }
}
