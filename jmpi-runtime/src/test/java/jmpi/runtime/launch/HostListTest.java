package jmpi.runtime.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Slurm's host lists, expanded as {@code scontrol show hostnames} expands them (its answers, below). */
class HostListTest {

    @Test
    void expandsAsScontrolDoes() {
        assertEquals(List.of("node01", "node02", "node03", "node04", "node07", "gpu1"),
                HostList.expand("node[01-04,07],gpu1"));
        assertEquals(List.of("rack1-node01", "rack1-node02", "rack2-node01", "rack2-node02"),
                HostList.expand("rack[1-2]-node[01-02]"));
        assertEquals(List.of("n8", "n9", "n10", "n11"), HostList.expand("n[8-11]"));
        assertEquals(List.of("n008", "n009", "n010", "n011"), HostList.expand("n[008-011]"));
        assertEquals(List.of("n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9", "n10"), HostList.expand("n[1-010]"));
        assertEquals(List.of("a", "b", "a"), HostList.expand("a,b,a"));
        assertEquals(List.of("x3"), HostList.expand("x[3]"));
        assertEquals(List.of("n1", "n2", "m"), HostList.expand("n[1-2],,m"));
        assertEquals(List.of("n1", "n2", "m"), HostList.expand("n[1-2] m"));
        assertEquals(List.of("localhost"), HostList.expand("localhost"));
    }

    @Test
    void whatScontrolCallsInvalidIsAnErrorQuotingTheList() {
        for (String bad : List.of("n[1-3]x", "n[", "n]", "n[1-2", "n[3-1]", "n[a-b]", "n[1,,2]", "n[-2]", "n[[1]]",
                "", " , ")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostList.expand(bad),
                    bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    /** A list written in Slurm's short form expands to the hosts it was written from, in their order. */
    @Test
    void theShortFormOfAnyListExpandsToItsHosts() {
        qt().withExamples(500).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            StringBuilder expression = new StringBuilder();
            List<String> hosts = new ArrayList<>();
            int groups = 1 + r.nextInt(4);
            for (int g = 0; g < groups; g++) {
                if (g > 0) {
                    expression.append(r.nextBoolean() ? "," : " ");
                }
                String prefix = name(r);
                expression.append(prefix);
                if (r.nextInt(4) == 0) {
                    hosts.add(prefix);
                    continue;
                }
                int width = 1 + r.nextInt(4);
                int limit = (int) Math.pow(10, width);
                String format = "%0" + width + "d";
                expression.append('[');
                int ranges = 1 + r.nextInt(3);
                for (int k = 0; k < ranges; k++) {
                    int lo = r.nextInt(limit);
                    int hi = Math.min(limit - 1, lo + r.nextInt(12));
                    expression.append(k > 0 ? "," : "").append(String.format(format, lo));
                    if (hi > lo || r.nextBoolean()) {
                        expression.append('-').append(String.format(format, hi));
                    }
                    for (int n = lo; n <= hi; n++) {
                        hosts.add(prefix + String.format(format, n));
                    }
                }
                expression.append(']');
            }
            assertEquals(hosts, HostList.expand(expression.toString()), expression.toString());
        });
    }

    private static String name(Random r) {
        StringBuilder s = new StringBuilder();
        int n = 1 + r.nextInt(6);
        for (int i = 0; i < n; i++) {
            s.append(i > 0 && r.nextInt(5) == 0 ? '-' : (char) ('a' + r.nextInt(26)));
        }
        return s.toString();
    }
}
