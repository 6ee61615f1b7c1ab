package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** jmpi-server serves jobs whose ranks set JMPI_ADDR, one job after another. */
class ServerTest {
    /** What jmpi-server prints once it listens, and on which port. */
    static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void externalCoordinatorServesSeveralJobs() throws Exception {
        // the server binds a port the system picks and says which: no other process can take it first
        ProcessBuilder spb = new ProcessBuilder(Jobs.root().resolve("bin/jmpi-server").toString(), "--port", "0")
                .redirectErrorStream(true);
        spb.environment().put("JAVA", Jobs.java());
        try (Running server = Running.start(spb)) {
            // newer JDKs may print warnings first
            String line = server.await(l -> l.contains("listening on"), Duration.ofMinutes(1)).text();
            Matcher listening = LISTENING.matcher(line);
            assertTrue(listening.find(), line);
            int port = Integer.parseInt(listening.group(1));
            assertTrue(port > 0, line);
            for (int job = 0; job < 2; job++) {
                ProcessBuilder pb = Jobs.jmpirun(3, Jobs.rankCommand("jmpi.tests.programs.NoFinalize"));
                pb.environment().put("JMPI_ADDR", "127.0.0.1");
                pb.environment().put("JMPI_PORT", Integer.toString(port));
                Jobs.Result r = Jobs.run(pb, Duration.ofMinutes(1));
                assertEquals(0, r.exitCode(), r.out());
                assertTrue(r.out().contains("rank 2 sum 3"), r.out());
            }
            assertTrue(server.process().isAlive(), "the server outlives its jobs");
        }
    }
}
