package jmpi.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A real Mosquitto broker on a free loopback port, with a configuration written to a directory of its
 * own; {@link #close()} stops it and removes the directory. Tests that need it fail (never skip) when
 * Mosquitto is not installed: {@code bin/install-test-packages} installs it (the build runs it first).
 */
final class Mosquitto implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/sbin/mosquitto");
    private static final long START_SECONDS = 20;

    private final Process process;
    private final Path dir;
    private final int port;
    private final StringBuilder log = new StringBuilder();

    private Mosquitto(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** A broker for plain MQTT. */
    static Mosquitto start() throws Exception {
        return start("");
    }

    /** A broker that speaks MQTT over TLS only, with the given PEM certificate and key. */
    static Mosquitto startTls(Path cert, Path key) throws Exception {
        return start("certfile " + cert + "\nkeyfile " + key + "\n");
    }

    /** A broker that speaks MQTT over TLS only and requires a client certificate that chains to ca. */
    static Mosquitto startMutualTls(Path cert, Path key, Path ca) throws Exception {
        return start("certfile " + cert + "\nkeyfile " + key + "\ncafile " + ca + "\nrequire_certificate true\n");
    }

    private static Mosquitto start(String extra) throws Exception {
        if (!Files.isExecutable(BINARY)) {
            fail("Mosquitto is not installed (" + BINARY + "): the MQTT tests need a real broker; run bin/install-test-packages"
                    + " or install the Debian package mosquitto");
        }
        // a port that was free a moment ago may be taken by now: then try another
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            Path dir = Files.createTempDirectory("jmpi-mosquitto");
            int port = Jobs.freePort();
            Path conf = dir.resolve("mosquitto.conf");
            Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\nlog_dest stderr\n"
                    + "persistence false\nset_tcp_nodelay true\n" + extra);
            Process p = new ProcessBuilder(BINARY.toString(), "-c", conf.toString()).redirectErrorStream(true).start();
            Mosquitto m = new Mosquitto(p, dir, port);
            try {
                m.awaitRunning();
                m.checkAccepting();
                return m;
            } catch (IOException e) {
                last = e;
                m.close();
            }
        }
        throw new AssertionError("Mosquitto did not start", last);
    }

    int port() {
        return port;
    }

    /** Reads the broker's output until it says it runs (or exits); keeps reading it into the log after. */
    private void awaitRunning() throws Exception {
        CompletableFuture<Boolean> running = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                    if (line.contains(" running")) {
                        running.complete(true);
                    }
                }
            } catch (IOException e) {
                // the broker is gone
            }
            running.complete(false);
        }, "mosquitto-output");
        reader.setDaemon(true);
        reader.start();
        boolean ok;
        try {
            ok = running.get(START_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            ok = false;
        }
        if (!ok) {
            throw new IOException("Mosquitto did not start on port " + port + "; it printed:\n" + log());
        }
    }

    private void checkAccepting() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        }
    }

    String log() {
        synchronized (log) {
            return log.toString();
        }
    }

    /** The rank connections the broker has accepted so far, as its own log names them (client ids jmpi-r-…). */
    int rankSessions() {
        return sessions(" as jmpi-r-");
    }

    /** The coordinators the broker has accepted so far (client ids jmpi-c-…). */
    int coordinatorSessions() {
        return sessions(" as jmpi-c-");
    }

    private int sessions(String clientId) {
        return (int) log().lines().filter(l -> l.contains("New client connected") && l.contains(clientId)).count();
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
