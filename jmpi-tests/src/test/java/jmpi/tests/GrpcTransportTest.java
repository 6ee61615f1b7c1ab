package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import jmpi.Config;
import jmpi.Coordinator;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.ProcessFailedException;
import jmpi.Request;
import jmpi.Session;
import jmpi.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * JMPI_PROTO=grpc end to end: the transport bound from the module path, the seed example and a
 * standalone coordinator as a user runs them, and, with ranks in this JVM, the job token, multi-MiB
 * buffers under back-pressure, a dead rank and a lost coordinator.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class GrpcTransportTest {
    private static final String TOKEN = "grpc-test-token";

    private Coordinator coordinator;
    private final List<Session> sessions = new ArrayList<>();
    private Running process;

    @AfterEach
    void stop() throws Exception {
        if (coordinator != null) {
            coordinator.close();
        }
        for (Session s : sessions) {
            s.close();
        }
        if (process != null) {
            process.close();
        }
    }

    private static Config.Builder grpc() {
        return Config.builder().proto("grpc").token(TOKEN);
    }

    private void startCoordinator(Config.Builder config) {
        coordinator = Coordinator.start(config.port(0).build());
    }

    private Config.Builder rankConfig(int rank, int size) {
        return grpc().rank(rank).size(size).addr("127.0.0.1").port(coordinator.address().getPort())
                .waitTime(Duration.ofSeconds(20));
    }

    private Session rank(Config.Builder config) {
        Session s = Session.connect(config.build());
        sessions.add(s);
        return s;
    }

    @Test
    void theRuntimeBindsItFromTheModulePath() {
        ModuleDescriptor grpc = ModuleLayer.boot().findModule("jmpi.transport.grpc").orElseThrow().getDescriptor();
        assertTrue(!grpc.isAutomatic() && !grpc.isOpen(), grpc.toString());
        String transport = "jmpi.runtime.link.Transport";
        assertEquals(List.of("jmpi.transport.grpc.GrpcTransport"), grpc.provides().stream()
                .filter(p -> p.service().equals(transport)).findFirst().orElseThrow().providers());
        ModuleDescriptor runtime = ModuleLayer.boot().findModule("jmpi.runtime").orElseThrow().getDescriptor();
        assertTrue(runtime.uses().contains(transport), runtime.toString());
    }

    @Test
    void helloExampleRunsAtFourRanks(@TempDir Path recordings) throws Exception {
        List<String> hello = new ArrayList<>(List.of(Jobs.java()));
        hello.addAll(Carriers.recordInto(recordings));
        hello.addAll(List.of("-p", "examples/target/modules", "-m", "jmpi.examples/jmpi.examples.Hello"));
        ProcessBuilder pb = Jobs.jmpirun(4, hello);
        pb.environment().remove("JMPI_SERIAL");
        pb.environment().put("JMPI_PROTO", "grpc");
        Jobs.Result r = Jobs.run(pb, Duration.ofMinutes(2));
        assertEquals(0, r.exitCode(), r.out());
        for (int rank = 0; rank < 4; rank++) {
            String line = "rank " + rank + " of 4: bcast=Hello, World! allgather=[0, 1, 2, 3] recv="
                    + (rank == 1 ? "Hello, 1!" : "null") + " sum=" + (rank == 0 ? "6" : "null")
                    + " allreduce=[4, 0, 0, 0, 0, 0, 0, 0, 0, 0]";
            assertTrue(r.out().contains(line), r.out());
        }
        // every rank said goodbye before its stream ended: none was taken for failed
        assertTrue(!r.out().contains("failed"), r.out());
        Carriers.assertEveryRankRanOn(recordings, 4, "grpc");
    }

    @Test
    void standaloneServerServesAJob(@TempDir Path recordings) throws Exception {
        // the server binds a port the system picks and says which: no other process can take it first
        ProcessBuilder spb = new ProcessBuilder(Jobs.root().resolve("bin/jmpi-server").toString(), "--port", "0")
                .redirectErrorStream(true);
        spb.environment().put("JAVA", Jobs.java());
        spb.environment().put("JMPI_PROTO", "grpc");
        process = Running.start(spb);
        String line = process.await(l -> l.contains("listening on"), Duration.ofMinutes(1)).text();
        Matcher listening = ServerTest.LISTENING.matcher(line);
        assertTrue(listening.find(), line);
        int port = Integer.parseInt(listening.group(1));
        ProcessBuilder pb = Jobs.jmpirun(3, Jobs.rankCommand(Carriers.recordInto(recordings),
                "jmpi.tests.programs.NoFinalize"));
        pb.environment().putAll(Map.of("JMPI_ADDR", "127.0.0.1", "JMPI_PORT", Integer.toString(port),
                "JMPI_PROTO", "grpc"));
        Jobs.Result r = Jobs.run(pb, Duration.ofMinutes(2));
        assertEquals(0, r.exitCode(), r.out());
        assertTrue(r.out().contains("rank 2 sum 3"), r.out());
        assertTrue(process.process().isAlive(), "the server outlives its job");
        Carriers.assertEveryRankRanOn(recordings, 3, "grpc");
    }

    @Test
    void wrongTokenIsRefusedAtOnceAndTheJobGoesOn() {
        startCoordinator(grpc());
        Session r0 = rank(rankConfig(0, 2));
        // refused, not retried: a rank that kept trying would wait far longer than the class's timeout
        MPIException e = assertThrows(MPIException.class,
                () -> rank(rankConfig(1, 2).token("not the token").waitTime(Duration.ofMinutes(30))));
        assertTrue(e.getMessage().contains("refused") && e.getMessage().contains("wrong job token"), e.getMessage());
        Session r1 = rank(rankConfig(1, 2));
        Request<Integer> s0 = r0.world().iallreduce(1);
        assertEquals(2, (int) r1.world().<Integer>allreduce(1));
        assertEquals(2, s0.waitFor());
    }

    @Test
    void multiMebibyteBuffersCrossIntactUnderBackPressure() {
        startCoordinator(grpc());
        // a queue far smaller than one message: every send waits for gRPC's flow control
        Session r0 = rank(rankConfig(0, 2).serialQueue(256 << 10));
        Session r1 = rank(rankConfig(1, 2).serialQueue(256 << 10));
        Random random = new Random(7);
        List<byte[]> sent = new ArrayList<>();
        List<Request<Void>> sends = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            byte[] b = new byte[(4 << 20) + i];
            random.nextBytes(b);
            sent.add(b);
            sends.add(r0.world().Isend(b, 1, i));
        }
        for (int i = 0; i < 4; i++) {
            byte[] got = new byte[(4 << 20) + i];
            Status st = r1.world().Recv(got, 0, i);
            assertEquals(got.length, st.count());
            assertArrayEquals(sent.get(i), got, "message " + i);
        }
        Request.waitAll(sends);
        double[] data = random.doubles(6 << 17).toArray();
        double[] other = new double[data.length];
        Request<Void> b1 = r1.world().Ibcast(other, 0);
        r0.world().Bcast(data.clone(), 0);
        b1.waitFor();
        assertArrayEquals(data, other);
    }

    @Test
    void deadRankFailsWhatWaitsForIt() throws Exception {
        startCoordinator(grpc());
        Session r0 = rank(rankConfig(0, 3));
        Session r1 = rank(rankConfig(1, 3));
        List<String> cmd = Jobs.rankCommand("jmpi.tests.programs.Waiting");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(Map.of("JMPI_RANK", "2", "JMPI_SIZE", "3", "JMPI_ADDR", "127.0.0.1",
                "JMPI_PORT", Integer.toString(coordinator.address().getPort()), "JMPI_TOKEN", TOKEN,
                "JMPI_PROTO", "grpc"));
        process = Running.start(pb);
        Request<Void> b0 = r0.world().ibarrier();
        Request<Void> b1 = r1.world().ibarrier();
        process.await("ready 2"::equals, Duration.ofMinutes(1));
        b0.waitFor();
        b1.waitFor();
        Request<Void> waiting0 = r0.world().ibarrier();
        Request<Void> waiting1 = r1.world().ibarrier();
        process.process().destroyForcibly();
        for (Request<Void> r : List.of(waiting0, waiting1)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> r.toCompletableFuture().get(30, TimeUnit.SECONDS));
            ProcessFailedException f = assertInstanceOf(ProcessFailedException.class, e.getCause());
            assertEquals(2, f.failedRank());
        }
        r0.world().send("still here", 1, 5);
        assertEquals("still here", r1.world().recv(0, 5));
    }

    @Test
    void lostCoordinatorFailsEveryPendingRequest() throws Exception {
        startCoordinator(grpc());
        Session r0 = rank(rankConfig(0, 2));
        Session r1 = rank(rankConfig(1, 2));
        Request<Object> recv = r0.world().irecv(1, 0);
        Request<Void> barrier = r1.world().ibarrier();
        coordinator.close();
        for (Request<?> r : List.of(recv, barrier)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> r.toCompletableFuture().get(30, TimeUnit.SECONDS));
            assertInstanceOf(ProcessFailedException.class, e.getCause());
        }
        MPIException e = assertThrows(MPIException.class, () -> r0.world().barrier());
        assertEquals(MPI.ERR_PROC_FAILED, e.errorClass());
    }
}
