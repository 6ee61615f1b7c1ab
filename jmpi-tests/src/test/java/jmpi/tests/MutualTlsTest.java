package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
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

/**
 * TLS on every carrier, mutual where JMPI_SSL_CA is set: the job's ranks, whose certificates chain to that
 * CA, run encrypted; a rank whose certificate comes from another CA is refused at once, with a clear error,
 * and the job goes on.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MutualTlsTest {
    private static final String TOKEN = "mutual-tls-token";
    private static final String ENCRYPTED = "\\+TLSv1\\.[23]";

    @TempDir
    static Path dir;
    private static TestCerts job;
    private static TestCerts stranger;

    @BeforeAll
    static void makeCertificates() throws Exception {
        // self-signed: the job's certificate is its own CA, and the stranger's is another
        job = TestCerts.make(dir, "job");
        stranger = TestCerts.make(dir, "stranger");
    }

    private static Config.Builder tls(String proto, TestCerts own) {
        return Config.builder().proto(proto).ssl(true).sslKey(own.key().toString()).sslCert(own.cert().toString())
                .sslCa(job.cert().toString()).token(TOKEN).serial(SuiteRunner.SERIAL).waitTime(Duration.ofSeconds(10));
    }

    private static Config.Builder rank(Coordinator c, String proto, TestCerts own, int rank) {
        return tls(proto, own).rank(rank).size(2).addr("127.0.0.1").port(c.address().getPort());
    }

    @Test
    void tcp() throws Exception {
        try (Coordinator c = Coordinator.start(tls("tcp", job).port(0).build())) {
            refusesAStranger(() -> Session.connect(rank(c, "tcp", stranger, 1).build()), "the coordinator");
            runsEncrypted(rank(c, "tcp", job, 0), rank(c, "tcp", job, 1), "tcp");
        }
    }

    @Test
    void grpc() throws Exception {
        try (Coordinator c = Coordinator.start(tls("grpc", job).port(0).build())) {
            refusesAStranger(() -> Session.connect(rank(c, "grpc", stranger, 1).build()), "the coordinator");
            runsEncrypted(rank(c, "grpc", job, 0), rank(c, "grpc", job, 1), "grpc");
        }
    }

    @Test
    void mqtt() throws Exception {
        // Mosquitto may read its files as another user than this one
        for (Path p : List.of(dir, job.key(), job.cert())) {
            p.toFile().setReadable(true, false);
            p.toFile().setExecutable(true, false);
        }
        try (Mosquitto broker = Mosquitto.startMutualTls(job.cert(), job.key(), job.cert())) {
            Config.Builder coordinator = tls("mqtt", job).addr("127.0.0.1").port(broker.port());
            try (Coordinator c = Coordinator.start(coordinator.build())) {
                Config.Builder r = tls("mqtt", job).addr("127.0.0.1").port(broker.port()).size(2);
                refusesAStranger(() -> Session.connect(tls("mqtt", stranger).addr("127.0.0.1").port(broker.port())
                        .rank(1).size(2).build()), "the MQTT broker");
                runsEncrypted(tls("mqtt", job).addr("127.0.0.1").port(broker.port()).size(2).rank(0), r.rank(1), "mqtt");
            }
        }
    }

    private static void refusesAStranger(org.junit.jupiter.api.function.Executable connect, String peer) {
        MPIException e = assertThrows(MPIException.class, connect);
        assertTrue(e.getMessage().contains("TLS handshake with " + peer), e.getMessage());
        assertTrue(e.getMessage().contains("JMPI_SSL_CA=" + job.cert()), e.getMessage());
    }

    private static void runsEncrypted(Config.Builder first, Config.Builder second, String proto) throws Exception {
        Set<String> carriers = Carriers.seenWhile(dir, () -> {
            Session r0 = Session.connect(first.build());
            Session r1 = Session.connect(second.build());
            Request<Integer> s0 = r0.world().iallreduce(1);
            assertEquals(2, (int) r1.world().<Integer>allreduce(1));
            assertEquals(2, s0.waitFor());
            // both at once: finalizing is collective
            Thread t = new Thread(r1::close);
            t.start();
            r0.close();
            try {
                t.join();
            } catch (InterruptedException x) {
                throw new AssertionError(x);
            }
        });
        assertTrue(!carriers.isEmpty() && carriers.stream().allMatch(c -> c.matches(proto + ENCRYPTED)),
                carriers.toString());
    }
}
