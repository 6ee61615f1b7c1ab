package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A job prints nothing but the program's own output on the JDK running the tests: jmpirun gives each
 * rank's JVM the flags the runtime's dependencies need (on JDK 24 and newer Netty's native access and
 * Fory's sun.misc.Unsafe would each print warnings otherwise). CI runs this on the newest JDK too.
 */
class QuietJvmTest {

    private static List<String> warnings(String out) {
        return out.lines().filter(l -> l.contains("WARNING")).toList();
    }

    private static void assertQuiet(List<String> command) throws Exception {
        ProcessBuilder pb = Jobs.jmpirun(4, command);
        pb.environment().remove("JMPI_SERIAL");
        Jobs.Result r = Jobs.run(pb, Duration.ofMinutes(2));
        assertEquals(0, r.exitCode(), r.out());
        assertEquals(4, r.out().lines().filter(l -> l.matches("rank \\d of 4: .*")).count(), r.out());
        assertEquals(List.of(), warnings(r.out()), "the job printed warnings on Java " + Runtime.version());
    }

    @Test
    void aModularJobPrintsNoWarning() throws Exception {
        assertQuiet(List.of(Jobs.java(), "-p", "examples/target/modules", "-m", "jmpi.examples/jmpi.examples.Hello"));
    }

    @Test
    void aClassPathJobPrintsNoWarning() throws Exception {
        assertQuiet(List.of(Jobs.java(), "-cp", "examples/target/modules/*", "jmpi.examples.Hello"));
    }
}
