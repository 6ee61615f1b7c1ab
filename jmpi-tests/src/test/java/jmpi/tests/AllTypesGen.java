package jmpi.tests;

import static org.quicktheories.generators.SourceDSL.bigDecimals;
import static org.quicktheories.generators.SourceDSL.bigIntegers;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.floats;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.maps;
import static org.quicktheories.generators.SourceDSL.strings;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jmpi.tests.ops.AllTypes;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators of {@link AllTypes}, built from generators of each component, so that a
 * failing value shrinks component by component. They reach the edges a codec gets wrong: NaN, ±0.0,
 * infinities and subnormals, negative and huge integers, and text with supplementary characters and
 * lone surrogates.
 */
final class AllTypesGen {
    /** The largest size of a generated array, list, set or map. */
    private static final int MAX_SIZE = 8;

    private AllTypesGen() {
    }

    /** Every component; see the class comment. */
    static Gen<AllTypes> allTypes() {
        Gen<Scalars> scalars = Generate.booleans().zip(bytes(), shorts(), chars(), integers().all(), Scalars::new);
        Gen<Numbers> numbers = longs().all().zip(floatsWithEdges(), doublesWithEdges(), bigInts(),
                bigDecimalsOfAnyScale(), Numbers::new);
        Gen<Texts> texts = nullable(text()).zip(Generate.enumValues(AllTypes.Color.class), text().toOptionals(30),
                nullable(inner()), Texts::new);
        Gen<Containers> containers = intArrays().zip(doubleArrays(), lists().of(text()).ofSizeBetween(0, MAX_SIZE),
                lists().of(integers().all()).ofSizeBetween(0, MAX_SIZE).map(l -> (Set<Integer>) new HashSet<>(l)),
                maps().of(text(), longs().all()).ofSizeBetween(0, MAX_SIZE), Containers::new);
        return scalars.zip(numbers, texts, containers, lists().of(inner()).ofSizeBetween(0, MAX_SIZE),
                (s, n, t, c, inners) -> new AllTypes(s.flag(), s.b(), s.s(), s.c(), s.i(), n.l(), n.f(), n.d(),
                        t.text(), t.color(), c.ints(), c.doubles(), c.words(), c.numbers(), c.counts(), t.maybe(),
                        n.big(), n.dec(), t.inner(), inners));
    }

    /**
     * Text: any UTF-16 units, so lone and misordered surrogates too, or well-formed text of any code
     * point, supplementary ones included.
     */
    static Gen<String> text() {
        Gen<String> units = lists().of(chars()).ofSizeBetween(0, 12).map(cs -> {
            StringBuilder b = new StringBuilder();
            cs.forEach(b::append);
            return b.toString();
        });
        return Generate.oneOf(units, strings().allPossible().ofLengthBetween(0, 12),
                strings().betweenCodePoints(0x10000, 0x10FFFF).ofLengthBetween(1, 4));
    }

    /** Any UTF-16 unit, surrogates included. */
    private static Gen<Character> chars() {
        return Generate.characters(Character.MIN_VALUE, Character.MAX_VALUE);
    }

    private static Gen<Byte> bytes() {
        return Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0);
    }

    private static Gen<Short> shorts() {
        return integers().between(Short.MIN_VALUE, Short.MAX_VALUE).map(Integer::shortValue);
    }

    private static Gen<Double> doublesWithEdges() {
        Gen<Double> edges = Generate.pick(List.of(Double.NaN, Double.longBitsToDouble(0x7ff8_0000_dead_beefL), -0.0,
                0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE,
                Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE));
        return Generate.oneOf(doubles().any(), edges);
    }

    private static Gen<Float> floatsWithEdges() {
        Gen<Float> edges = Generate.pick(List.of(Float.NaN, -0.0f, 0.0f, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE));
        return Generate.oneOf(floats().any(), edges);
    }

    private static Gen<int[]> intArrays() {
        return Generate.intArrays(integers().between(0, MAX_SIZE), integers().all());
    }

    private static Gen<double[]> doubleArrays() {
        return lists().of(doublesWithEdges()).ofSizeBetween(0, MAX_SIZE)
                .map(l -> l.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Two's complement of up to 40 bytes: negative as often as positive, and far beyond a long. */
    private static Gen<BigInteger> bigInts() {
        return integers().between(1, 40).flatMap(n -> bigIntegers().ofBytes(n));
    }

    private static Gen<BigDecimal> bigDecimalsOfAnyScale() {
        return integers().between(-20, 20).flatMap(scale -> bigDecimals().ofBytes(12).withScale(scale));
    }

    private static Gen<AllTypes.Inner> inner() {
        return text().zip(longs().all(), AllTypes.Inner::new);
    }

    private static <T> Gen<T> nullable(Gen<T> g) {
        return Generate.oneOf(g, Generate.constant((T) null));
    }

    private record Scalars(boolean flag, byte b, short s, char c, int i) {
    }

    private record Numbers(long l, float f, double d, BigInteger big, BigDecimal dec) {
    }

    private record Texts(String text, AllTypes.Color color, Optional<String> maybe, AllTypes.Inner inner) {
    }

    private record Containers(int[] ints, double[] doubles, List<String> words, Set<Integer> numbers,
                              Map<String, Long> counts) {
    }
}
