package jmpi.runtime.link;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jmpi.MPI;
import jmpi.MPIException;

/**
 * A throw-away CA for one job ({@code jmpirun --tls}): a self-signed certificate, its own CA, that every
 * rank presents and every rank trusts, so all links of the job are mutual TLS and nothing outside the job
 * is trusted. Made with the JDK's keytool (the JDK has no public API that signs a certificate), written as
 * PEM into a directory only this user can read, and removed by {@link #close()} or at exit.
 */
public final class JobCertificates implements AutoCloseable {
    private static final long KEYTOOL_SECONDS = 60;

    private final Path dir;
    private final Path key;
    private final Path cert;
    private final Thread atExit;

    private JobCertificates(Path dir, Path key, Path cert) {
        this.dir = dir;
        this.key = key;
        this.cert = cert;
        this.atExit = new Thread(this::delete, "jmpi-job-certificates");
        Runtime.getRuntime().addShutdownHook(atExit);
    }

    /** Makes the job's key and certificate, for this host's names and addresses. */
    public static JobCertificates make() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("jmpi-tls", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            char[] password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16)).toCharArray();
            Path store = dir.resolve("job.p12");
            keytool(store, password);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, password);
            }
            Path keyPem = dir.resolve("job-key.pem");
            Path certPem = dir.resolve("job-cert.pem");
            Files.writeString(keyPem, pem("PRIVATE KEY", ks.getKey("job", password).getEncoded()));
            Files.writeString(certPem, pem("CERTIFICATE", ks.getCertificate("job").getEncoded()));
            Files.delete(store);
            return new JobCertificates(dir, keyPem, certPem);
        } catch (IOException | GeneralSecurityException e) {
            deleteTree(dir);
            throw new MPIException(MPI.ERR_OTHER, "jmpirun --tls cannot make the job's certificate: " + e.getMessage()
                    + "; give the ranks JMPI_SSL=1, JMPI_SSL_KEY, JMPI_SSL_CERT and JMPI_SSL_CA instead", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deleteTree(dir);
            throw new MPIException(MPI.ERR_OTHER, "interrupted while making the job's certificate", e);
        }
    }

    /** What puts a rank on TLS with this job's certificate: every link encrypted, both ends checked. */
    public Map<String, String> environment() {
        return Map.of("JMPI_SSL", "1", "JMPI_SSL_KEY", key.toString(), "JMPI_SSL_CERT", cert.toString(),
                "JMPI_SSL_CA", cert.toString());
    }

    /** Removes the key and certificate. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(atExit);
        } catch (IllegalStateException e) {
            // exiting already: the hook removes them
        }
        delete();
    }

    private void delete() {
        deleteTree(dir);
    }

    private static void keytool(Path store, char[] password) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        if (!Files.isExecutable(keytool)) {
            throw new IOException("the JDK's keytool is not at " + keytool + " (jmpirun runs on a JRE without it)");
        }
        String secret = new String(password);
        List<String> cmd = List.of(keytool.toString(), "-genkeypair", "-alias", "job", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost, O=jmpi job", "-ext", "SAN=" + names(),
                "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass:env", "JMPI_KEYTOOL_PASS", "-keypass:env", "JMPI_KEYTOOL_PASS");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        // through the environment, not the command line, where other users could read it
        pb.environment().put("JMPI_KEYTOOL_PASS", secret);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(KEYTOOL_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("keytool did not finish within " + KEYTOOL_SECONDS + " s");
        }
        if (p.exitValue() != 0) {
            throw new IOException("keytool failed: " + new String(out, StandardCharsets.UTF_8).strip());
        }
    }

    /** Every name and address a rank of this host may be dialled at: loopback, the host name, its interfaces. */
    private static String names() {
        Set<String> names = new LinkedHashSet<>(List.of("ip:127.0.0.1", "ip:::1", "dns:localhost"));
        try {
            InetAddress local = InetAddress.getLocalHost();
            if (local.getHostName().matches("[A-Za-z0-9.-]+")) {
                names.add("dns:" + local.getHostName());
            }
            for (NetworkInterface ni : NetworkInterface.networkInterfaces().toList()) {
                ni.inetAddresses().forEach(a -> names.add("ip:" + a.getHostAddress().replaceAll("%.*", "")));
            }
        } catch (IOException e) {
            // loopback only: the job's ranks are on this host
        }
        return String.join(",", new ArrayList<>(names));
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // best effort: the directory is the user's own, in the temporary directory
        }
    }
}
