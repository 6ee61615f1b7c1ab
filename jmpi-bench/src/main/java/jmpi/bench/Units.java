package jmpi.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Number formatting shared by the benchmarks' printed lines. */
final class Units {
    private static final String[] PREFIXES = {"", "K", "M", "G", "T", "P", "E", "Z", "Y"};

    private Units() {
    }

    /**
     * A count with a decimal SI prefix and at most two decimals ({@code 2.1M}, {@code 500.0}), formatted
     * the way the Python benchmark prints it so that the two outputs can be compared side by side.
     */
    static String si(double units) {
        int i = 0;
        double scaled = 0;
        if (units > 0) {
            // truncation towards zero, as Python's int(math.log(units, 1000)) does
            i = (int) (Math.log(units) / Math.log(1000));
            i = Math.max(0, Math.min(i, PREFIXES.length - 1));
            scaled = units / Math.pow(1000, i);
        }
        return twoDecimals(scaled) + PREFIXES[i];
    }

    /** x rounded half-even to two decimals, written with no trailing zeros but at least one decimal. */
    static String twoDecimals(double x) {
        if (!Double.isFinite(x)) {
            return Double.toString(x);
        }
        BigDecimal d = new BigDecimal(x).setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros();
        if (d.scale() < 1) {
            d = d.setScale(1, RoundingMode.UNNECESSARY);
        }
        return d.toPlainString();
    }

    /** Median of the samples (mean of the middle two for an even count); NaN when empty. */
    static double median(long[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    /** The nearest-rank percentile p (0 < p ≤ 100) of sorted samples; NaN when empty. */
    static double percentile(long[] sorted, double p) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * n);
        return sorted[Math.max(0, Math.min(n - 1, rank - 1))];
    }
}
