package jmpi.tests.ops;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jmpi.op.Payload;

/** A payload with a component of every kind the processor allows, for round-trip properties. */
@Payload
public record AllTypes(boolean flag, byte b, short s, char c, int i, long l, float f, double d, String text,
                       Color color, int[] ints, double[] doubles, List<String> words, Set<Integer> numbers,
                       Map<String, Long> counts, Optional<String> maybe, BigInteger big, BigDecimal dec,
                       Inner inner, List<Inner> inners) {

    /** An enum component. */
    public enum Color { RED, GREEN, BLUE }

    /** A nested payload record. */
    @Payload
    public record Inner(String name, long value) {
    }

    @Override
    public boolean equals(Object o) {
        // arrays compare by content, as a round trip must keep them
        return o instanceof AllTypes a && flag == a.flag && b == a.b && s == a.s && c == a.c && i == a.i && l == a.l
                && Float.compare(f, a.f) == 0 && Double.compare(d, a.d) == 0 && java.util.Objects.equals(text, a.text)
                && color == a.color && java.util.Arrays.equals(ints, a.ints) && java.util.Arrays.equals(doubles, a.doubles)
                && java.util.Objects.equals(words, a.words) && java.util.Objects.equals(numbers, a.numbers)
                && java.util.Objects.equals(counts, a.counts) && java.util.Objects.equals(maybe, a.maybe)
                && java.util.Objects.equals(big, a.big) && java.util.Objects.equals(dec, a.dec)
                && java.util.Objects.equals(inner, a.inner) && java.util.Objects.equals(inners, a.inners);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(i, l, text);
    }

    @Override
    public String toString() {
        return "AllTypes[" + flag + ", " + b + ", " + s + ", " + (int) c + ", " + i + ", " + l + ", " + f + ", " + d
                + ", " + text + ", " + color + ", " + java.util.Arrays.toString(ints) + ", "
                + java.util.Arrays.toString(doubles) + ", " + words + ", " + numbers + ", " + counts + ", " + maybe
                + ", " + big + ", " + dec + ", " + inner + ", " + inners + "]";
    }
}
