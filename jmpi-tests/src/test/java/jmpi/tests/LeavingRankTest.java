package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jmpi.Config;
import jmpi.Coordinator;
import jmpi.MPI;
import jmpi.ProcessFailedException;
import jmpi.Request;
import jmpi.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A rank process that leaves before Finalize, every way a process can (System.exit with either status,
 * Runtime.halt, an exception out of main), while rank 0, in this JVM, waits for it in a barrier: the
 * barrier fails with the failed-rank exception, on the direct data plane and on the coordinator's path.
 * Before, the leaving rank's finalize completed the barrier.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LeavingRankTest {
    private static final String TOKEN = "leaving-rank-test";

    private Coordinator coordinator;
    private Session r0;
    private Running r1;

    @AfterEach
    void stop() {
        if (r1 != null) {
            r1.close();
        }
        if (r0 != null) {
            // finalize alone: the other rank failed, so its synchronization fails at once
            r0.close();
        }
        if (coordinator != null) {
            coordinator.close();
        }
    }

    static Stream<Arguments> ways() {
        return Stream.of(Config.DATA_DIRECT, Config.DATA_COORDINATOR).flatMap(plane -> Stream.of(
                Arguments.of(plane, List.of("exit", "0"), 0),
                Arguments.of(plane, List.of("exit", "3"), 3),
                Arguments.of(plane, List.of("halt"), 0),
                Arguments.of(plane, List.of("throw"), 1)));
    }

    @ParameterizedTest(name = "{1} on the {0} plane")
    @MethodSource("ways")
    void theSurvivorsBarrierFailsNamingTheRankThatLeft(String plane, List<String> how, int status) throws Exception {
        coordinator = Coordinator.start(Config.builder().port(0).token(TOKEN).build());
        int port = coordinator.address().getPort();
        ProcessBuilder pb = new ProcessBuilder(Jobs.rankCommand("jmpi.tests.programs.LeavingRank",
                how.toArray(String[]::new))).directory(Jobs.root().toFile());
        Jobs.cleanEnvironment(pb.environment());
        pb.environment().putAll(java.util.Map.of("JMPI_RANK", "1", "JMPI_SIZE", "2", "JMPI_ADDR", "127.0.0.1",
                "JMPI_PORT", Integer.toString(port), "JMPI_TOKEN", TOKEN, "JMPI_DATA", plane));
        r1 = Running.start(pb);
        r0 = Session.connect(Config.builder().rank(0).size(2).addr("127.0.0.1").port(port).token(TOKEN)
                .data(plane).waitTime(Duration.ofMinutes(1)).build());
        r0.world().barrier();
        Request<Void> second = r0.world().ibarrier();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> second.toCompletableFuture().get(1, TimeUnit.MINUTES));
        ProcessFailedException failed = assertInstanceOf(ProcessFailedException.class, e.getCause());
        assertEquals(MPI.ERR_PROC_FAILED, failed.errorClass());
        assertEquals(1, failed.failedRank());

        Jobs.Result left = r1.waitFor(Duration.ofMinutes(1));
        assertEquals(status, left.exitCode(), left.out());
        if (how.get(0).equals("throw")) {
            // the program's exception, printed once, as the JVM prints it
            assertEquals(1, left.out().split("thrown out of main by rank 1", -1).length - 1, left.out());
            assertTrue(left.out().contains("Exception in thread \"main\" java.lang.IllegalStateException"), left.out());
        }
    }
}
