package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import jmpi.Comm;
import jmpi.Config;
import jmpi.MPI;
import jmpi.MPIException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Leaders whose tags never match do not wait for ever: under JMPI_OP_TIMEOUT, Create_intercomm fails
 * with ERR_TIMEOUT on every rank of both groups, on either path (a leader's ranks hear of it from
 * the leader, or give up waiting for it at the same timeout).
 */
class IntercommTimeoutTest {

    @ParameterizedTest
    @ValueSource(strings = {Config.DATA_DIRECT, Config.DATA_COORDINATOR})
    void leadersWithDifferentTagsFailWithErrTimeout(String data) throws Throwable {
        try (InJvmJob job = InJvmJob.start(4, data, Duration.ofMillis(400))) {
            job.run((rank, s) -> {
                Comm world = s.world();
                int color = rank / 2;
                Comm half = world.Split(color, 0);
                // the lower leader sends tag 1, the upper one tag 2: neither receive can match
                MPIException e = assertThrows(MPIException.class,
                        () -> half.Create_intercomm(0, world, color == 0 ? 2 : 0, color + 1));
                assertEquals(MPI.ERR_TIMEOUT, e.errorClass(), e.getMessage());
            });
        }
    }
}
