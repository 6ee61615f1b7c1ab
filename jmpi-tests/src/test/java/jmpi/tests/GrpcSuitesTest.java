package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every rank-side suite as real processes under jmpirun, over the gRPC transport. */
class GrpcSuitesTest {

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {2, 4})
    void suitesPass(int np) throws Exception {
        ProcessBuilder pb = Jobs.jmpirun(np, Jobs.rankCommand("jmpi.tests.RankMain"));
        pb.environment().put("JMPI_PROTO", "grpc");
        Jobs.Result r = Jobs.run(pb, Duration.ofMinutes(4));
        assertEquals(0, r.exitCode(), r.out());
        for (int rank = 0; rank < np; rank++) {
            assertTrue(r.out().matches("(?s).*rank " + rank + " of " + np + ": \\d+ passed, 0 failed.*"), r.out());
        }
    }
}
