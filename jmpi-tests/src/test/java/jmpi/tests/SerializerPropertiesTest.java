package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.tests.ops.AllTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generated codecs round-trip random values of every component type, through the real runtime:
 * to oneself, and through the coordinator, which decodes and encodes them again.
 */
class SerializerPropertiesTest {
    private static InJvmJob job;
    private static Comm comm;

    @BeforeAll
    static void start() throws Throwable {
        job = InJvmJob.start(1);
        Comm[] c = new Comm[1];
        job.run((rank, s) -> c[0] = s.world());
        comm = c[0];
    }

    @AfterAll
    static void stop() {
        job.close();
    }

    /** A value of every component built from a seed; size bounds the containers. */
    static AllTypes value(long seed, int size) {
        Random r = new Random(seed);
        List<String> words = new ArrayList<>();
        Set<Integer> numbers = new HashSet<>();
        Map<String, Long> counts = new HashMap<>();
        List<AllTypes.Inner> inners = new ArrayList<>();
        for (int k = 0; k < size; k++) {
            words.add(text(r));
            numbers.add(r.nextInt());
            counts.put(text(r), r.nextLong());
            inners.add(new AllTypes.Inner(text(r), r.nextLong()));
        }
        int[] ints = r.ints(size).toArray();
        double[] doubles = r.doubles(size).map(x -> x * 1e300 - 5e299).toArray();
        return new AllTypes(r.nextBoolean(), (byte) r.nextInt(), (short) r.nextInt(), (char) r.nextInt(0xD800),
                r.nextInt(), r.nextLong(), r.nextFloat() * Float.MAX_VALUE, r.nextGaussian() * 1e6,
                r.nextInt(5) == 0 ? null : text(r), AllTypes.Color.values()[r.nextInt(3)], ints, doubles, words,
                numbers, counts, r.nextBoolean() ? Optional.empty() : Optional.of(text(r)),
                new BigInteger(r.nextInt(200) + 1, r), new BigDecimal(new BigInteger(64, r), r.nextInt(40) - 20),
                r.nextInt(4) == 0 ? null : new AllTypes.Inner(text(r), r.nextLong()), inners);
    }

    private static String text(Random r) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(12);
        for (int k = 0; k < n; k++) {
            // letters, accents and CJK: multi-byte UTF-8 too
            int kind = r.nextInt(3);
            b.append(kind == 0 ? (char) ('a' + r.nextInt(26)) : kind == 1 ? (char) (0xC0 + r.nextInt(64))
                    : (char) (0x4E00 + r.nextInt(500)));
        }
        return b.toString();
    }

    @Test
    void roundTripToSelf() {
        qt().withExamples(200).forAll(longs().all(), integers().between(0, 8)).checkAssert((seed, size) -> {
            AllTypes v = value(seed, size);
            comm.send(v, 0, 1);
            assertEquals(v, comm.recv(0, 1));
        });
    }

    @Test
    void roundTripThroughTheCoordinator() {
        qt().withExamples(100).forAll(longs().all(), integers().between(0, 8)).checkAssert((seed, size) -> {
            AllTypes v = value(seed, size);
            // a reduction makes the coordinator decode and encode the value again
            assertEquals(v, comm.allreduce(v, MPI.REPLACE));
            List<AllTypes> list = List.of(v, value(seed + 1, size));
            assertEquals(list, comm.allreduce(list, MPI.NO_OP));
        });
    }
}
