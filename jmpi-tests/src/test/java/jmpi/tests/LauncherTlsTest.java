package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code jmpirun --tls}: one flag encrypts the job, with certificates of its own that are gone when it ends. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class LauncherTlsTest {
    private static final Pattern CA = Pattern.compile("ssl 1 ca (\\S+)");

    @Test
    void tcpJobRunsEncryptedAndLeavesNoKeyBehind(@TempDir Path recordings) throws Exception {
        runsEncrypted(recordings, Map.of(), "tcp");
    }

    @Test
    void grpcJobRunsEncrypted(@TempDir Path recordings) throws Exception {
        runsEncrypted(recordings, Map.of("JMPI_PROTO", "grpc"), "grpc");
    }

    @Test
    void aBrokerOfItsOwnIsRefusedWithWhatToDoInstead() throws Exception {
        ProcessBuilder pb = Jobs.jmpirun(2, Jobs.rankCommand("jmpi.tests.programs.EncryptedJob"), "--tls");
        pb.environment().put("JMPI_PROTO", "mqtt");
        Jobs.Result r = Jobs.run(pb, Duration.ofMinutes(1));
        assertTrue(r.exitCode() != 0, r.out());
        assertTrue(r.out().contains("--tls makes certificates that only this job's ranks trust"), r.out());
        assertTrue(r.out().contains("JMPI_SSL_CA instead"), r.out());
    }

    private static void runsEncrypted(Path recordings, Map<String, String> env, String proto) throws Exception {
        int np = 3;
        ProcessBuilder pb = Jobs.jmpirun(np, Jobs.rankCommand(Carriers.recordInto(recordings),
                "jmpi.tests.programs.EncryptedJob"), "--tls");
        pb.environment().putAll(env);
        Jobs.Result r = Jobs.run(pb, Duration.ofMinutes(3));
        assertEquals(0, r.exitCode(), r.out());
        for (int rank = 0; rank < np; rank++) {
            String line = "rank " + rank + " got " + ((rank + np - 1) % np) + " sum 3 ssl 1 ca ";
            assertTrue(r.out().contains(line), r.out());
        }
        Matcher m = CA.matcher(r.out());
        assertTrue(m.find(), r.out());
        Path ca = Path.of(m.group(1));
        Carriers.assertEveryRankRanOn(recordings, np, proto + "\\+TLSv1\\.[23]");
        // the job's key and certificate went with the job
        assertFalse(Files.exists(ca.getParent()), ca.getParent() + " is still there");
    }
}
