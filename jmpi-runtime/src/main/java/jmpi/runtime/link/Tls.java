package jmpi.runtime.link;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.AttributeKey;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLException;
import jmpi.Config;
import jmpi.MPI;
import jmpi.MPIException;

/**
 * TLS contexts from {@code JMPI_SSL_KEY}, {@code JMPI_SSL_CERT} and {@code JMPI_SSL_CA} (PEM files). The
 * side that is connected to presents the key and certificate; the side that connects checks that
 * certificate, and the host name it dialled, against {@code JMPI_SSL_CA}, else against {@code JMPI_SSL_CERT}
 * (jmpirun hands every rank the coordinator's own certificate), else against the JDK's trust store.
 * With {@code JMPI_SSL_CA} set, TLS is mutual: the side that is connected to requires a certificate that
 * chains to that CA, and a side that connects presents its own key and certificate when it has them.
 */
public final class Tls {
    /** The TLS protocol of a channel whose bytes go encrypted below it (a gRPC stream, an MQTT session). */
    public static final AttributeKey<String> PROTOCOL = AttributeKey.valueOf("jmpi.tls.protocol");

    // a rank retries its connection many times a second; the trust file is read once per configuration
    private static final Object LOCK = new Object();
    private static List<Object> clientKey;
    private static SslContext clientContext;

    private Tls() {
    }

    /** The context of a side that is connected to: the coordinator's, a rank's listener for its peers. */
    public static SslContext server(Config config) {
        return server(config, UnaryOperator.identity());
    }

    /** As {@link #server(Config)}, with the builder adapted first (gRPC adds its ALPN settings). */
    public static SslContext server(Config config, UnaryOperator<SslContextBuilder> adapt) {
        File cert = readable("JMPI_SSL_CERT", config.sslCert(), "the coordinator's certificate chain");
        File key = readable("JMPI_SSL_KEY", config.sslKey(), "the coordinator's private key (PKCS#8)");
        File ca = config.sslCa() == null ? null
                : readable("JMPI_SSL_CA", config.sslCa(), "the CA that the ranks' certificates must chain to");
        SslContextBuilder b = SslContextBuilder.forServer(cert, key).sslProvider(SslProvider.JDK);
        try {
            if (ca != null) {
                b.trustManager(ca).clientAuth(ClientAuth.REQUIRE);
            }
            return adapt.apply(b).build();
        } catch (SSLException | RuntimeException e) {
            throw new MPIException(MPI.ERR_ARG, "JMPI_SSL_KEY=" + key + " and JMPI_SSL_CERT=" + cert
                    + (ca == null ? "" : " and JMPI_SSL_CA=" + ca) + " are not a PEM private key (PKCS#8), its"
                    + " certificate chain" + (ca == null ? "" : " and a CA certificate") + ": " + e.getMessage(), e);
        }
    }

    /** The context of a side that connects: a rank's for TCP, everyone's towards an MQTT broker. */
    public static SslContext client(Config config) {
        List<Object> cacheKey = Arrays.asList(config.sslCa(), config.sslCert(), config.sslKey());
        synchronized (LOCK) {
            if (cacheKey.equals(clientKey)) {
                return clientContext;
            }
        }
        SslContext ctx = client(config, UnaryOperator.identity());
        synchronized (LOCK) {
            clientKey = cacheKey;
            clientContext = ctx;
        }
        return ctx;
    }

    /** As {@link #client(Config)}, uncached, with the builder adapted first (gRPC adds its ALPN settings). */
    public static SslContext client(Config config, UnaryOperator<SslContextBuilder> adapt) {
        String option = config.sslCa() != null ? "JMPI_SSL_CA" : config.sslCert() != null ? "JMPI_SSL_CERT" : null;
        SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                .endpointIdentificationAlgorithm("HTTPS");
        File trust = null;
        if (option != null) {
            trust = readable(option, option.equals("JMPI_SSL_CA") ? config.sslCa() : config.sslCert(),
                    "the certificates that the coordinator's certificate is checked against");
            b.trustManager(trust);
        }
        // mutual TLS: whoever we reach may ask for our certificate
        if (config.sslCa() != null && config.sslKey() != null && config.sslCert() != null) {
            File cert = readable("JMPI_SSL_CERT", config.sslCert(), "this rank's certificate chain");
            File key = readable("JMPI_SSL_KEY", config.sslKey(), "this rank's private key (PKCS#8)");
            b.keyManager(cert, key);
        }
        try {
            return adapt.apply(b).build();
        } catch (SSLException | RuntimeException e) {
            throw new MPIException(MPI.ERR_ARG, option + "=" + trust + " holds no PEM certificate, or JMPI_SSL_KEY="
                    + config.sslKey() + " and JMPI_SSL_CERT=" + config.sslCert() + " are not a PEM private key (PKCS#8)"
                    + " and its certificate chain: " + e.getMessage(), e);
        }
    }

    /** Where a connecting side's certificate check comes from, for error messages. */
    public static String trustSource(Config config) {
        String trust = config.sslCa() != null ? "JMPI_SSL_CA=" + config.sslCa()
                : config.sslCert() != null ? "JMPI_SSL_CERT=" + config.sslCert() : "the JDK's trust store (JMPI_SSL_CA unset)";
        if (config.sslCa() != null) {
            trust += "; the peer checks this side's JMPI_SSL_CERT=" + config.sslCert() + " against its own JMPI_SSL_CA";
        }
        return trust;
    }

    /** A handler that checks the peer's certificate for host, the name or address dialled. */
    public static SslHandler clientHandler(SslContext ctx, ByteBufAllocator alloc, String host, int port) {
        return ctx.newHandler(alloc, host, port);
    }

    /** The TLS protocol ch's bytes travel in (its own SslHandler's, or what its carrier says), or null. */
    public static String protocol(Channel ch) {
        SslHandler tls = ch.pipeline().get(SslHandler.class);
        if (tls != null) {
            return tls.engine().getSession().getProtocol();
        }
        return ch.attr(PROTOCOL).get();
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
