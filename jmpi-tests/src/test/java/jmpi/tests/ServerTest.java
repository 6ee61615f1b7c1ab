package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** jmpi-server serves jobs whose ranks set JMPI_ADDR, one job after another. */
class ServerTest {

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void externalCoordinatorServesSeveralJobs() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ProcessBuilder spb = new ProcessBuilder(Jobs.root().resolve("bin/jmpi-server").toString(), "--port",
                Integer.toString(port)).redirectErrorStream(true);
        spb.environment().put("JAVA", Jobs.java());
        try (Running server = Running.start(spb)) {
            // newer JDKs may print warnings first
            String line = server.await(l -> l.contains("listening on"), Duration.ofMinutes(1)).text();
            assertTrue(line.contains("listening on 127.0.0.1:" + port), line);
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
