package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import jmpi.Config;
import jmpi.Request;
import jmpi.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Strangers on the coordinator's port, on loopback: bytes that are no frame, a frame that claims a GiB,
 * hundreds of connections that say nothing. Each costs the coordinator little and one log line at most;
 * the job goes on. The coordinator is a jmpi-server of its own, so that its log can be read whole.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HostileConnectionTest {
    private static final String TOKEN = "hostile-test-token";
    private static final String REFUSED = "refused a connection from";

    private Running server;
    private int port;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        ProcessBuilder spb = new ProcessBuilder(Jobs.root().resolve("bin/jmpi-server").toString(), "--port", "0");
        Jobs.cleanEnvironment(spb.environment());
        spb.environment().put("JAVA", Jobs.java());
        spb.environment().put("JMPI_TOKEN", TOKEN);
        // a small message limit, so that a rank's frame above it is plainly above it
        spb.environment().put("JMPI_SERIAL_SIZE", "1MiB");
        server = Running.start(spb);
        Matcher listening = ServerTest.LISTENING.matcher(
                server.await(l -> l.contains("listening on"), Duration.ofMinutes(1)).text());
        assertTrue(listening.find());
        port = Integer.parseInt(listening.group(1));
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        server.close();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        sockets.add(s);
        return s;
    }

    /** Whether the coordinator closes s within the timeout: reads until the end, discarding what comes. */
    private static boolean closedWithin(Socket s, Duration timeout) throws IOException {
        s.setSoTimeout((int) timeout.toMillis());
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        try {
            while (in.read(buf) >= 0) {
                // a refusal frame, perhaps: the end follows
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            // reset: closed all the same
            return true;
        }
    }

    /** A job of two ranks in this JVM still runs a collective on the coordinator. */
    private void jobStillRuns() throws Exception {
        Session r0 = rank(0);
        Session r1 = rank(1);
        Request<Integer> sum = r0.world().iallreduce(3);
        assertEquals(7, (int) r1.world().<Integer>allreduce(4));
        assertEquals(7, sum.waitFor());
        // finalizing is collective: both ranks at once
        CompletableFuture<Void> closed = CompletableFuture.runAsync(r1::close, task -> new Thread(task).start());
        r0.close();
        closed.get(1, TimeUnit.MINUTES);
    }

    private Session rank(int r) {
        return Session.connect(Config.builder().rank(r).size(2).addr("127.0.0.1").port(port).token(TOKEN)
                .waitTime(Duration.ofSeconds(30)).build());
    }

    /** Stops the server and returns everything it printed. */
    private String serverLog() throws InterruptedException {
        server.process().destroy();
        return server.waitFor(Duration.ofMinutes(1)).out();
    }

    @Test
    void garbageCostsOneRateLimitedLinePerConnectionAndNoStackTrace() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 40; i++) {
            Socket s = connect();
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            switch (i % 4) {
                case 0 -> {
                    byte[] junk = new byte[1 + random.nextInt(2000)];
                    random.nextBytes(junk);
                    out.write(junk);
                }
                // lengths of 2^31 and more: negative as an int
                case 1 -> out.writeInt(0x80000000 + random.nextInt(1 << 20));
                // a small frame cut short, then silence until the client gives up
                case 2 -> {
                    out.writeInt(200);
                    out.write(new byte[17]);
                }
                // a whole small frame that is no hello
                default -> {
                    out.writeInt(9);
                    out.writeByte(42);
                    out.write(new byte[8]);
                }
            }
            out.flush();
            if (i % 4 == 2) {
                s.close();
            } else {
                assertTrue(closedWithin(s, Duration.ofSeconds(30)), "connection " + i + " stayed open");
            }
        }
        jobStillRuns();
        String log = serverLog();
        long lines = log.lines().filter(l -> l.contains(REFUSED)).count();
        assertTrue(lines >= 1, log);
        // 30 refused in a burst: the log says so in a few lines, not thirty
        assertTrue(lines < 30, lines + " lines:\n" + log);
        assertFalse(log.contains("\tat "), log);
        assertFalse(log.contains("Exception in"), log);
    }

    @Test
    void aStrangerCannotMakeTheCoordinatorHoldALargeFrame() throws Exception {
        Socket s = connect();
        OutputStream out = s.getOutputStream();
        new DataOutputStream(out).writeInt(1 << 30);
        byte[] chunk = new byte[1 << 20];
        long written = 0;
        IOException refused = null;
        // up to 600 MiB of a frame that claims 1 GiB: the coordinator must stop reading long before
        try {
            while (written < 600L << 20) {
                out.write(chunk);
                written += chunk.length;
            }
        } catch (IOException e) {
            refused = e;
        }
        assertTrue(refused != null, "the coordinator read all " + (written >> 20) + " MiB");
        // what the sockets' buffers took before the coordinator closed; far from a frame's worth
        assertTrue(written < 64L << 20, (written >> 20) + " MiB written before the connection closed");
        jobStillRuns();
    }

    @Test
    void aRankAboveTheMessageLimitIsClosedBeforeTheFrameIsRead() throws Exception {
        Socket s = connect();
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        writeHello(out, 0, 1);
        // a frame of 512 MiB against JMPI_SERIAL_SIZE of 1 MiB: refused on its length
        out.writeInt(512 << 20);
        byte[] chunk = new byte[1 << 20];
        IOException refused = assertThrows(IOException.class, () -> {
            for (int i = 0; i < 400; i++) {
                out.write(chunk);
            }
        });
        assertTrue(refused.getMessage() != null);
        jobStillRuns();
        String log = serverLog();
        assertFalse(log.contains("\tat "), log);
    }

    @Test
    void silentConnectionsMeetACapAndADeadline() throws Exception {
        List<Socket> idle = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            idle.add(connect());
        }
        // beyond the cap of connections waiting for their hello, the latest is turned away at once ...
        assertTrue(closedWithin(idle.get(299), Duration.ofSeconds(60)), "the 300th silent connection was held");
        // ... while the first still has time to say hello
        assertFalse(closedWithin(idle.get(0), Duration.ofMillis(200)), "the first closed before its deadline");
        // ranks turned away meanwhile try again, and get in as the silent ones' time runs out
        jobStillRuns();
        // a connection that says nothing is not held for ever
        for (Socket s : idle) {
            assertTrue(closedWithin(s, Duration.ofSeconds(60)), "a silent connection was held");
        }
    }

    /** A rank's hello as the wire has it (see docs/protocol.md): protocol version 4, no shared memory, no data link. */
    private static void writeHello(DataOutputStream out, int rank, int size) throws IOException {
        byte[] t = TOKEN.getBytes(StandardCharsets.UTF_8);
        out.writeInt(1 + 4 + 4 + 4 + 4 + t.length + 4 + 4);
        out.writeByte(1);
        out.writeInt(4);
        out.writeInt(rank);
        out.writeInt(size);
        out.writeInt(t.length);
        out.write(t);
        out.writeInt(-1);
        out.writeInt(-1);
        out.flush();
    }
}
