package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Buffers of hundreds of MiB under jmpirun, and a clear error just above JMPI_SERIAL_SIZE. */
class LargeBufferTest {
    private static final int MIB = 256;

    @Test
    void hundredsOfMibCrossEveryPathAndTheLimitIsEnforced() throws Exception {
        ProcessBuilder pb = Jobs.jmpirun(3, Jobs.rankCommand("jmpi.tests.programs.LargeBuffers", Integer.toString(MIB)));
        pb.environment().put("JMPI_SERIAL_SIZE", Integer.toString((MIB + 1) << 20));
        Jobs.Result r = Jobs.run(pb, Duration.ofMinutes(3));
        assertEquals(0, r.exitCode(), r.out());
        for (int rank = 0; rank < 3; rank++) {
            assertTrue(r.out().contains("rank " + rank + ": bcast of 256 MiB intact"), r.out());
            assertTrue(r.out().contains("rank " + rank + ": allreduce of 64 MiB intact"), r.out());
            assertTrue(r.out().contains("rank " + rank + ": done"), r.out());
        }
        assertTrue(r.out().contains("rank 0: message of 128 MiB intact"), r.out());
        assertTrue(r.out().matches("(?s).*rank 0: oversize refused \\(error class 2\\): a message of 269484033 bytes"
                + " exceeds the limit of 269484032 bytes \\(JMPI_SERIAL_SIZE\\).*"), r.out());
    }
}
