package jmpi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void siPrefixesWithTwoDecimals() {
        assertEquals("0.0", Units.si(0));
        assertEquals("500.0", Units.si(500));
        assertEquals("2.1M", Units.si(2097152));
        assertEquals("2.05K", Units.si(2047));
        assertEquals("1.07G", Units.si(1073741824.0));
    }

    @Test
    void medianAndNearestRankPercentile() {
        long[] odd = {1, 2, 3, 4, 100};
        assertEquals(3.0, Units.median(odd));
        assertEquals(2.5, Units.median(new long[] {1, 2, 3, 4}));
        assertEquals(100.0, Units.percentile(odd, 99));
        long[] hundred = new long[100];
        for (int i = 0; i < 100; i++) {
            hundred[i] = i + 1;
        }
        assertEquals(99.0, Units.percentile(hundred, 99));
    }

    @Test
    void jsonHasNoNaN() {
        assertEquals("{\"a\":1,\"b\":null,\"c\":[0.5,2]}",
                new Json().put("a", 1).put("b", Double.NaN).put("c", new double[] {0.5, 2}).toString());
    }
}
