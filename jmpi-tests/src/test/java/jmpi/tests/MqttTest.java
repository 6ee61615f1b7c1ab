package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import jmpi.Config;
import jmpi.Coordinator;
import jmpi.MPIException;
import jmpi.ProcessFailedException;
import jmpi.Request;
import jmpi.Session;
import jmpi.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The MQTT transport against a real Mosquitto: jobs apart, large messages, failures, the launcher, TLS. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class MqttTest {
    private static Mosquitto broker;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = Mosquitto.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    private static Config.Builder job(int port, String token) {
        return Config.builder().proto("mqtt").addr("127.0.0.1").port(port).token(token)
                .serial(SuiteRunner.SERIAL).waitTime(Duration.ofSeconds(10));
    }

    /** Runs an allreduce over two in-JVM ranks and checks the sum. */
    private static void allreduce(Session r0, Session r1) {
        Request<Integer> s0 = r0.world().iallreduce(1);
        assertEquals(2, (int) r1.world().<Integer>allreduce(1));
        assertEquals(2, s0.waitFor());
    }

    @Test
    void aRankWithAnotherTokenMeetsNoCoordinatorWhileTheJobGoesOn() throws Exception {
        Session r0 = null;
        Session r1 = null;
        Coordinator c = Coordinator.start(job(broker.port(), "right").build());
        try {
            r0 = Session.connect(job(broker.port(), "right").rank(0).size(2).build());
            MPIException e = assertThrows(MPIException.class, () -> Session.connect(job(broker.port(), "wrong")
                    .rank(1).size(2).waitTime(Duration.ofSeconds(2)).build()));
            assertTrue(e.getMessage().contains("no coordinator of this job"), e.getMessage());
            assertTrue(e.getMessage().contains("JMPI_TOKEN"), e.getMessage());
            r1 = Session.connect(job(broker.port(), "right").rank(1).size(2).build());
            allreduce(r0, r1);
        } finally {
            // the coordinator first: the ranks' goodbyes then end at once instead of waiting for each other
            c.close();
            close(r0, r1);
        }
    }

    @Test
    void largeBuffersCrossIntact() throws Exception {
        largeBuffers(job(broker.port(), "large"));
    }

    @Test
    void largeBuffersCrossIntactThroughASmallWindow() throws Exception {
        // 100 KiB may be queued or unacknowledged: chunks shrink to fit, and senders wait for ACKs
        largeBuffers(job(broker.port(), "small-window").serialQueue(100 << 10));
    }

    private static void largeBuffers(Config.Builder job) throws Exception {
        Session r0 = null;
        Session r1 = null;
        Coordinator c = Coordinator.start(job.build());
        try {
            r0 = Session.connect(job.rank(0).size(2).build());
            r1 = Session.connect(job.rank(1).size(2).build());
            Random random = new Random(42);
            // several chunks each way, and sizes that are no multiple of a chunk
            byte[] bytes = new byte[(6 << 20) + 12345];
            random.nextBytes(bytes);
            byte[] gotBytes = new byte[bytes.length];
            Request<Void> send = r0.world().Isend(bytes, 1, 7);
            Status st = r1.world().Recv(gotBytes, 0, 7);
            send.waitFor();
            assertEquals(bytes.length, st.count());
            assertArrayEquals(bytes, gotBytes);
            double[] doubles = random.doubles((1 << 20) + 3).toArray();
            double[] gotDoubles = new double[doubles.length];
            Request<Void> back = r1.world().Isend(doubles, 0, 8);
            r0.world().Recv(gotDoubles, 1, 8);
            back.waitFor();
            assertArrayEquals(doubles, gotDoubles);
            Request<byte[]> b0 = r0.world().ibcast(bytes, 0);
            assertArrayEquals(bytes, r1.world().bcast(null, 0));
            b0.waitFor();
        } finally {
            // the coordinator first: the ranks' goodbyes then end at once instead of waiting for each other
            c.close();
            close(r0, r1);
        }
    }

    @Test
    void aDeadRankFailsWhatWaitsForIt() throws Exception {
        Session r0 = null;
        Coordinator c = Coordinator.start(job(broker.port(), "dead").build());
        try {
            r0 = Session.connect(job(broker.port(), "dead").rank(0).size(2).build());
            // rank 1 is a process that leaves without a word after one barrier: the broker publishes its will
            ProcessBuilder pb = new ProcessBuilder(Jobs.rankCommand("jmpi.tests.programs.FailingRank"))
                    .redirectErrorStream(true);
            pb.environment().putAll(java.util.Map.of("JMPI_PROTO", "mqtt", "JMPI_ADDR", "127.0.0.1", "JMPI_PORT",
                    Integer.toString(broker.port()), "JMPI_TOKEN", "dead", "JMPI_RANK", "1", "JMPI_SIZE", "2"));
            Process rank1 = pb.start();
            try {
                r0.world().barrier();
                Session s = r0;
                Throwable e = assertThrows(MPIException.class, () -> s.world().barrier());
                assertInstanceOf(ProcessFailedException.class, e, e.toString());
                assertTrue(rank1.waitFor(30, TimeUnit.SECONDS));
                assertEquals(3, rank1.exitValue());
            } finally {
                Jobs.kill(rank1);
            }
        } finally {
            c.close();
            close(r0);
        }
    }

    @Test
    void helloExampleRunsUnderJmpirun(@TempDir Path recordings) throws Exception {
        int ranksBefore = broker.rankSessions();
        List<String> hello = new ArrayList<>(List.of(Jobs.java()));
        hello.addAll(Carriers.recordInto(recordings));
        hello.addAll(List.of("-p", "examples/target/modules", "-m", "jmpi.examples/jmpi.examples.Hello"));
        ProcessBuilder pb = Jobs.jmpirun(4, hello);
        pb.environment().remove("JMPI_SERIAL");
        pb.environment().put("JMPI_PROTO", "mqtt");
        pb.environment().put("JMPI_PORT", Integer.toString(broker.port()));
        Jobs.Result r = Jobs.run(pb, Duration.ofMinutes(2));
        assertEquals(0, r.exitCode(), r.out());
        for (int rank = 0; rank < 4; rank++) {
            assertTrue(r.out().contains("rank " + rank + " of 4: bcast=Hello, World!"), r.out());
        }
        assertTrue(r.out().contains("recv=Hello, 1!"), r.out());
        assertTrue(r.out().contains("sum=6"), r.out());
        // through the broker, as both ends saw it: each rank's link, and the broker's own log
        Carriers.assertEveryRankRanOn(recordings, 4, "mqtt");
        assertTrue(broker.rankSessions() - ranksBefore >= 4, broker.log());
    }

    @Test
    void jmpiServerServesJobsThroughTheBroker(@TempDir Path recordings) throws Exception {
        int coordinatorsBefore = broker.coordinatorSessions();
        ProcessBuilder spb = new ProcessBuilder(Jobs.root().resolve("bin/jmpi-server").toString(), "--proto", "mqtt",
                "--port", Integer.toString(broker.port())).redirectErrorStream(true);
        spb.environment().put("JAVA", Jobs.java());
        spb.environment().put("JMPI_TOKEN", "served");
        try (Running server = Running.start(spb)) {
            String line = server.await(l -> l.contains("jmpi-server "), Duration.ofMinutes(1)).text();
            assertTrue(line.contains("connected to the MQTT broker at 127.0.0.1:" + broker.port()), line);
            assertEquals(coordinatorsBefore + 1, broker.coordinatorSessions(), broker.log());
            for (int job = 0; job < 2; job++) {
                Path jobRecordings = Files.createDirectory(recordings.resolve("job-" + job));
                int ranksBefore = broker.rankSessions();
                ProcessBuilder pb = Jobs.jmpirun(3, Jobs.rankCommand(Carriers.recordInto(jobRecordings),
                        "jmpi.tests.programs.NoFinalize"));
                pb.environment().putAll(java.util.Map.of("JMPI_PROTO", "mqtt", "JMPI_ADDR", "127.0.0.1", "JMPI_PORT",
                        Integer.toString(broker.port()), "JMPI_TOKEN", "served"));
                Jobs.Result r = Jobs.run(pb, Duration.ofMinutes(1));
                assertEquals(0, r.exitCode(), r.out());
                assertTrue(r.out().contains("rank 2 sum 3"), r.out());
                Carriers.assertEveryRankRanOn(jobRecordings, 3, "mqtt");
                assertTrue(broker.rankSessions() - ranksBefore >= 3, broker.log());
            }
            assertTrue(server.process().isAlive(), "the server outlives its jobs");
        }
    }

    @Test
    void tlsToTheBroker() throws Exception {
        TestCerts certs = TestCerts.make(dir, "broker");
        // Mosquitto may read its files as another user than this one
        for (Path p : List.of(dir, certs.key(), certs.cert())) {
            p.toFile().setReadable(true, false);
            p.toFile().setExecutable(true, false);
        }
        try (Mosquitto tlsBroker = Mosquitto.startTls(certs.cert(), certs.key())) {
            Config.Builder b = job(tlsBroker.port(), "tls").ssl(true).sslCa(certs.cert().toString());
            Session r0 = null;
            Session r1 = null;
            Coordinator c = Coordinator.start(b.build());
            try {
                r0 = Session.connect(b.rank(0).size(2).build());
                r1 = Session.connect(b.rank(1).size(2).build());
                allreduce(r0, r1);
            } finally {
                c.close();
                close(r0, r1);
            }
        }
    }

    private static void close(Session... sessions) {
        for (Session s : sessions) {
            if (s != null) {
                s.close();
            }
        }
    }
}
