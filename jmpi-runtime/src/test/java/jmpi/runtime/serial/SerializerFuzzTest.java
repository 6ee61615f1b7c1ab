package jmpi.runtime.serial;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jmpi.Loc;
import jmpi.MPIException;
import jmpi.runtime.fuzz.Mutations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Payloads from the network, random or mutated from valid ones (bytes flipped, cut short, lengths that
 * lie): {@link ObjectSerializer#fromBytes} gives an object or throws MPIException, never another exception
 * nor an Error (a claimed length of gigabytes must not become an allocation of gigabytes, which would be
 * an OutOfMemoryError here, nor a deep nest a StackOverflowError), and it returns in bounded time.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SerializerFuzzTest {
    private final ObjectSerializer serial = new ObjectSerializer(List.of(), getClass().getClassLoader(), 1 << 20);

    private List<byte[]> samples() {
        List<Object> values = List.of("hello, wire", 42, -7L, 3.5, List.of(1, 2, 3), Map.of("a", 1L, "b", 2L),
                new int[] {1, 2, 3, 4}, new double[] {0.5, -1}, new byte[40], List.of(List.of("x"), List.of()),
                new Loc<>(9, 2), Optional.of("y"), new ArrayList<>(List.of("p", "q")), "ü".repeat(50));
        List<byte[]> out = new ArrayList<>();
        for (Object v : values) {
            out.add(serial.toBytes(v));
        }
        return out;
    }

    @Test
    void mutatedPayloadsDecodeOrFailWithMpiException() {
        List<byte[]> valid = samples();
        AtomicInteger refused = new AtomicInteger();
        qt().withExamples(Mutations.tries(3000)).withShrinkCycles(0)
                .forAll(longs().all(), integers().between(0, valid.size() - 1), integers().between(0, Mutations.KINDS - 1))
                .checkAssert((seed, sample, kind) -> {
                    byte[] input = Mutations.input(valid.get(sample), kind, new Random(seed));
                    try {
                        serial.fromBytes(input);
                    } catch (MPIException e) {
                        refused.incrementAndGet();
                        assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "an error without words");
                    }
                });
        assertTrue(refused.get() > 0, "no mutated payload was ever refused: the property tested nothing");
    }

    /** A mutation the property once met: a payload cut to a sender's refusal note with no text left. */
    @Test
    void aRefusalNoteWithoutWordsStillGivesAnErrorWithWords() {
        for (String why : new String[] {"", " "}) {
            MPIException e = assertThrows(MPIException.class, () -> serial.fromBytes(Pieces.refusing(why)));
            assertTrue(!e.getMessage().isBlank(), "an error without words");
        }
    }
}
