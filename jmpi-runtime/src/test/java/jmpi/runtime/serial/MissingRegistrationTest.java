package jmpi.runtime.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.op.OperationContext;
import jmpi.op.Operation;
import jmpi.op.Payload;
import org.junit.jupiter.api.Test;

/**
 * This module's tests are compiled without jmpi's processor, as a user's project that forgot it is:
 * its marked records have no registration, and sending one says how to add the processor.
 */
class MissingRegistrationTest {
    @Payload
    record Point(int x, int y) {
    }

    @Operation
    record Sum() implements OperationContext<Integer, Integer> {
        @Override
        public Map<Integer, Integer> apply(Map<Integer, Integer> src, Set<Integer> dst) {
            return Map.of();
        }
    }

    record Unmarked(int x) {
    }

    private final ObjectSerializer serial = new ObjectSerializer(List.of(), getClass().getClassLoader());

    private String refusal(Object o) {
        MPIException e = assertThrows(MPIException.class, () -> serial.toBytes(o));
        assertEquals(MPI.ERR_ARG, e.errorClass());
        return e.getMessage();
    }

    @Test
    void aPayloadWithoutRegistrationNamesTheProcessorAndTheLinesToAdd() {
        String m = refusal(new Point(1, 2));
        assertTrue(m.startsWith(Point.class.getName() + " is marked @Payload but has no registration"), m);
        assertTrue(m.contains("""
                    <annotationProcessorPaths>
                      <path>
                        <groupId>io.jmpi</groupId>
                        <artifactId>jmpi-processor</artifactId>
                        <version>%s</version>
                      </path>
                    </annotationProcessorPaths>
                """.formatted(MissingRegistration.jmpiVersion())), m);
        assertTrue(m.contains("maven-compiler-plugin"), m);
        assertTrue(m.endsWith("provides jmpi.op.Registration with jmpi.runtime.serial.JmpiRegistration_jmpi_runtime;"),
                m);
    }

    @Test
    void theVersionIsThisRuntimes() {
        String v = MissingRegistration.jmpiVersion();
        assertTrue(v.matches("\\d+\\.\\d+\\.\\d+.*"), v);
    }

    @Test
    void anOperationInsideAListIsFoundByName() {
        String m = refusal(List.of(new Sum()));
        assertTrue(m.startsWith(Sum.class.getName() + " is marked @Operation but has no registration"), m);
    }

    @Test
    void anUnmarkedClassStillPointsToJmpiSerial() {
        String m = refusal(new Unmarked(3));
        assertTrue(m.startsWith(Unmarked.class.getName() + " may not cross the wire"), m);
        assertTrue(m.contains("@Payload"), m);
        assertTrue(m.contains("JMPI_SERIAL"), m);
        // the serialization library's own advice (its API, its security warning) is not the user's to act on
        assertFalse(m.contains("Fory"), m);
        assertFalse(m.toLowerCase(java.util.Locale.ROOT).contains("vulnerab"), m);
    }
}
