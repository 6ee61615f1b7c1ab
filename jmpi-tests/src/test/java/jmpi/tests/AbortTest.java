package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jmpi.Config;
import jmpi.Coordinator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * MPI.Abort seen from every process of the job: three ranks started on their own (no launcher in
 * between), so that each one's exit status can be read; the coordinator runs in this JVM.
 */
class AbortTest {
    private static final String TOKEN = "abort-test-token";
    private Coordinator coordinator;
    private final List<Running> ranks = new ArrayList<>();

    @AfterEach
    void stop() {
        ranks.forEach(Running::close);
        if (coordinator != null) {
            coordinator.close();
        }
    }

    @Test
    void everyRankExitsWithTheAbortCode() throws Exception {
        coordinator = Coordinator.start(Config.builder().port(0).token(TOKEN).build());
        int port = coordinator.address().getPort();
        for (int r = 0; r < 3; r++) {
            ProcessBuilder pb = new ProcessBuilder(Jobs.rankCommand("jmpi.tests.programs.Aborting"))
                    .directory(Jobs.root().toFile());
            Jobs.cleanEnvironment(pb.environment());
            pb.environment().putAll(Map.of("JMPI_RANK", Integer.toString(r), "JMPI_SIZE", "3", "JMPI_ADDR",
                    "127.0.0.1", "JMPI_PORT", Integer.toString(port), "JMPI_TOKEN", TOKEN));
            ranks.add(Running.start(pb));
        }
        for (int r = 0; r < 3; r++) {
            Jobs.Result res = ranks.get(r).waitFor(Duration.ofMinutes(1));
            assertEquals(7, res.exitCode(), "rank " + r + ":\n" + res.out());
            if (r != 1) {
                // it exits quietly: the rank that aborted said why
                assertTrue(!res.out().contains("Exception"), res.out());
            }
        }
    }
}
