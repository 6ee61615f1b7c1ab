package jmpi.runtime.link;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLException;
import jmpi.Config;
import jmpi.MPI;
import jmpi.MPIException;

/**
 * TLS contexts from {@code JMPI_SSL_KEY}, {@code JMPI_SSL_CERT} and {@code JMPI_SSL_CA} (PEM files). The
 * side that is connected to presents the key and certificate; the side that connects checks that
 * certificate, and the host name it dialled, against {@code JMPI_SSL_CA}, else against {@code JMPI_SSL_CERT}
 * (jmpirun hands every rank the coordinator's own certificate), else against the JDK's trust store.
 */
public final class Tls {
    // a rank retries its connection many times a second; the trust file is read once per configuration
    private static final Object LOCK = new Object();
    private static List<Object> clientKey;
    private static SslContext clientContext;

    private Tls() {
    }

    /** The context of a side that is connected to: the coordinator's for TCP. */
    public static SslContext server(Config config) {
        File cert = readable("JMPI_SSL_CERT", config.sslCert(), "the coordinator's certificate chain");
        File key = readable("JMPI_SSL_KEY", config.sslKey(), "the coordinator's private key (PKCS#8)");
        try {
            return SslContextBuilder.forServer(cert, key).sslProvider(SslProvider.JDK).build();
        } catch (SSLException | RuntimeException e) {
            throw new MPIException(MPI.ERR_ARG, "JMPI_SSL_KEY=" + key + " and JMPI_SSL_CERT=" + cert
                    + " are not a PEM private key (PKCS#8) and its certificate chain: " + e.getMessage(), e);
        }
    }

    /** The context of a side that connects: a rank's for TCP, everyone's towards an MQTT broker. */
    public static SslContext client(Config config) {
        List<Object> key = Arrays.asList(config.sslCa(), config.sslCert());
        synchronized (LOCK) {
            if (key.equals(clientKey)) {
                return clientContext;
            }
        }
        String option = config.sslCa() != null ? "JMPI_SSL_CA" : config.sslCert() != null ? "JMPI_SSL_CERT" : null;
        SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                .endpointIdentificationAlgorithm("HTTPS");
        File trust = null;
        if (option != null) {
            trust = readable(option, option.equals("JMPI_SSL_CA") ? config.sslCa() : config.sslCert(),
                    "the certificates that the coordinator's certificate is checked against");
            b.trustManager(trust);
        }
        SslContext ctx;
        try {
            ctx = b.build();
        } catch (SSLException | RuntimeException e) {
            throw new MPIException(MPI.ERR_ARG, option + "=" + trust + " holds no PEM certificate: " + e.getMessage(), e);
        }
        synchronized (LOCK) {
            clientKey = key;
            clientContext = ctx;
        }
        return ctx;
    }

    /** Where a connecting side's certificate check comes from, for error messages. */
    public static String trustSource(Config config) {
        return config.sslCa() != null ? "JMPI_SSL_CA=" + config.sslCa()
                : config.sslCert() != null ? "JMPI_SSL_CERT=" + config.sslCert() : "the JDK's trust store (JMPI_SSL_CA unset)";
    }

    /** A handler that checks the peer's certificate for host, the name or address dialled. */
    public static SslHandler clientHandler(SslContext ctx, ByteBufAllocator alloc, String host, int port) {
        return ctx.newHandler(alloc, host, port);
    }

    private static File readable(String option, String path, String what) {
        if (path == null || path.isBlank()) {
            throw new MPIException(MPI.ERR_ARG, "JMPI_SSL is on but " + option + " is not set: it names " + what
                    + " as a PEM file");
        }
        Path p = Path.of(path);
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new MPIException(MPI.ERR_ARG, option + "=" + path + " cannot be read: it names " + what
                    + " as a PEM file");
        }
        return p.toFile();
    }
}
