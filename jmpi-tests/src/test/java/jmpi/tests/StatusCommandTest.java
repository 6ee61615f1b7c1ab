package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jmpi.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code jmpirun --status} from another process: the roll-call of a running job, by port or job id, and its threads. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StatusCommandTest {

    private static Jobs.Result status(String... options) throws Exception {
        return Jobs.run(Jobs.jmpirun(1, List.of(), options), Duration.ofMinutes(1));
    }

    @Test
    void aRunningJobSaysWhatEachRankDoesAndShowsItsThreads() throws Exception {
        int port = Jobs.freePort();
        ProcessBuilder pb = Jobs.jmpirun(2, Jobs.rankCommand("jmpi.tests.programs.Waiting"), "--port",
                Integer.toString(port));
        pb.environment().put("JMPI_DATA", Config.DATA_COORDINATOR);
        try (Running job = Running.start(pb)) {
            job.await(l -> l.contains("ready 0"), Duration.ofMinutes(1));
            job.await(l -> l.contains("ready 1"), Duration.ofMinutes(1));
            String want = "waits in recv(source any, tag 12345) on communicator 0";
            Jobs.Result r = status("--status", "--port", Integer.toString(port));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            // the ranks print "ready" just before they post the receive: the roll-call shows it once it is in
            while (!(r.out().contains("rank 0: " + want) && r.out().contains("rank 1: " + want))
                    && System.nanoTime() < deadline) {
                r = status("--status", "--port", Integer.toString(port));
            }
            assertEquals(0, r.exitCode(), r.out());
            assertTrue(r.out().contains("rank 0: " + want) && r.out().contains("rank 1: " + want), r.out());

            Jobs.Result byId = status("--status", Long.toString(job.process().pid()), "--threads");
            assertEquals(0, byId.exitCode(), byId.out());
            assertTrue(byId.out().contains("rank 1: " + want), byId.out());
            for (int rank = 0; rank < 2; rank++) {
                int at = byId.out().indexOf("--- threads of rank " + rank + " ---");
                assertTrue(at >= 0, byId.out());
                assertTrue(byId.out().indexOf("jmpi.tests.programs.Waiting.main", at) > at, byId.out());
            }
        }
        Jobs.Result none = status("--status", "--port", Integer.toString(port));
        assertEquals(1, none.exitCode(), none.out());
        assertTrue(none.out().contains("no running job") && none.out().contains("on port " + port), none.out());
    }
}
