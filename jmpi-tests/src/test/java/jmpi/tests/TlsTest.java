package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import jmpi.Config;
import jmpi.Coordinator;
import jmpi.MPIException;
import jmpi.Request;
import jmpi.Session;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** TLS on TCP: a rank that does not trust the coordinator's certificate fails at once, and clearly. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TlsTest {
    private static final String TOKEN = "tls-test-token";

    @TempDir
    static Path dir;
    private static TestCerts coordinator;
    private static TestCerts stranger;

    @BeforeAll
    static void makeCertificates() throws Exception {
        coordinator = TestCerts.make(dir, "coordinator");
        stranger = TestCerts.make(dir, "stranger");
    }

    private static Config.Builder tls() {
        return Config.builder().ssl(true).sslKey(coordinator.key().toString()).sslCert(coordinator.cert().toString())
                .sslCa(coordinator.cert().toString()).token(TOKEN).waitTime(Duration.ofSeconds(10));
    }

    private static Config rank(Coordinator c, int rank, Path ca) {
        return rankBuilder(c, rank, ca).build();
    }

    private static Config.Builder rankBuilder(Coordinator c, int rank, Path ca) {
        return tls().rank(rank).size(2).addr("127.0.0.1").port(c.address().getPort()).sslCa(ca.toString());
    }

    @Test
    void untrustedCertificateFailsTheRankAndTheCoordinatorGoesOn() throws Exception {
        try (Coordinator c = Coordinator.start(tls().port(0).build())) {
            // refused, not retried: a rank that kept trying would wait far longer than the class's timeout
            Config untrusting = rankBuilder(c, 1, stranger.cert()).waitTime(Duration.ofMinutes(30)).build();
            MPIException e = assertThrows(MPIException.class, () -> Session.connect(untrusting));
            assertTrue(e.getMessage().contains("TLS handshake with the coordinator at 127.0.0.1:"
                    + c.address().getPort()), e.getMessage());
            assertTrue(e.getMessage().contains("JMPI_SSL_CA=" + stranger.cert()), e.getMessage());
            Session r0 = Session.connect(rank(c, 0, coordinator.cert()));
            Session r1 = Session.connect(rank(c, 1, coordinator.cert()));
            Request<Integer> s0 = r0.world().iallreduce(1);
            assertEquals(2, (int) r1.world().<Integer>allreduce(1));
            assertEquals(2, s0.waitFor());
            // both at once: finalizing is collective
            Thread t = new Thread(r1::close);
            t.start();
            r0.close();
            t.join();
        }
    }

    @Test
    void missingKeyNamesItsOption() {
        MPIException e = assertThrows(MPIException.class,
                () -> Coordinator.start(tls().sslKey(null).port(0).build()).close());
        assertTrue(e.getMessage().contains("JMPI_SSL_KEY is not set"), e.getMessage());
    }

    @Test
    void unreadableCertificateNamesItsOption() {
        Path missing = dir.resolve("missing.pem");
        MPIException e = assertThrows(MPIException.class,
                () -> Coordinator.start(tls().sslCert(missing.toString()).port(0).build()).close());
        assertTrue(e.getMessage().contains("JMPI_SSL_CERT=" + missing + " cannot be read"), e.getMessage());
    }

    @Test
    void unreadableTrustFileFailsTheRankBeforeItConnects() throws Exception {
        try (Coordinator c = Coordinator.start(tls().port(0).build())) {
            Path missing = dir.resolve("no-ca.pem");
            MPIException e = assertThrows(MPIException.class, () -> Session.connect(rank(c, 1, missing)));
            assertTrue(e.getMessage().contains("JMPI_SSL_CA=" + missing + " cannot be read"), e.getMessage());
        }
    }
}
