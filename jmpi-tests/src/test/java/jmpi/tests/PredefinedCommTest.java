package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.MPIException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** COMM_WORLD and COMM_SELF cannot be freed: Free fails with ERR_COMM on every rank, and both go on working. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PredefinedCommTest {

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 3})
    void freeingAPredefinedCommunicatorIsErrComm(int n) throws Throwable {
        try (InJvmJob job = InJvmJob.start(n)) {
            job.run((rank, s) -> {
                for (Comm c : new Comm[] {s.world(), s.self()}) {
                    MPIException e = Check.fails(MPI.ERR_COMM, c::Free);
                    assertTrue(e.getMessage().contains("cannot free"), e.getMessage());
                    MPIException again = Check.fails(MPI.ERR_COMM, c::Disconnect);
                    assertTrue(again.getMessage().contains("cannot free"), again.getMessage());
                }
                assertEquals(n, (int) s.world().<Integer>allreduce(1));
                assertEquals(1, (int) s.self().<Integer>allreduce(1));
                s.world().send("still here", rank, 1);
                assertEquals("still here", s.world().recv(rank, 1));
            });
        }
    }
}
