package jmpi.tests;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The rank-side suites on gRPC over TLS, mutual: every rank presents the job's certificate, the coordinator too. */
class GrpcTlsSuitesTest extends LauncherSuitesTest {
    @TempDir
    static Path dir;
    private static TestCerts certs;

    @BeforeAll
    static void makeCertificate() throws Exception {
        certs = TestCerts.make(dir, "coordinator");
    }

    static IntStream rankCounts() {
        return IntStream.of(2);
    }

    @Override
    Map<String, String> transport() {
        return Map.of("JMPI_PROTO", "grpc", "JMPI_SSL", "1", "JMPI_SSL_KEY", certs.key().toString(),
                "JMPI_SSL_CERT", certs.cert().toString(), "JMPI_SSL_CA", certs.cert().toString());
    }

    @Override
    String carrier() {
        return "grpc\\+TLSv1\\.[23]";
    }
}
