package jmpi.tests;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made with the JDK's keytool and written as PEM:
 * the private key as PKCS#8, the certificate as X.509. Being self-signed, the certificate is its own CA.
 */
record TestCerts(Path key, Path cert) {
    private static final String PASSWORD = "jmpi-test";

    /** Makes a key pair and certificate in dir, under names that start with name. */
    static TestCerts make(Path dir, String name) throws Exception {
        Path store = dir.resolve(name + ".p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Jobs.Result keytoolRun = Jobs.run(new ProcessBuilder(keytool, "-genkeypair", "-alias", name, "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost, O=jmpi test " + name, "-ext",
                "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true), Duration.ofMinutes(1));
        if (keytoolRun.exitCode() != 0) {
            throw new AssertionError("keytool failed: " + keytoolRun.out());
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        PrivateKey key = (PrivateKey) ks.getKey(name, PASSWORD.toCharArray());
        Certificate cert = ks.getCertificate(name);
        Path keyPem = dir.resolve(name + "-key.pem");
        Path certPem = dir.resolve(name + "-cert.pem");
        Files.write(keyPem, pem("PRIVATE KEY", key.getEncoded()));
        Files.write(certPem, pem("CERTIFICATE", cert.getEncoded()));
        return new TestCerts(keyPem, certPem);
    }

    private static List<String> pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return List.of("-----BEGIN " + type + "-----", body, "-----END " + type + "-----");
    }
}
