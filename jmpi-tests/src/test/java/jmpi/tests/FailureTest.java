package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import jmpi.Comm;
import jmpi.Config;
import jmpi.Coordinator;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.ProcessFailedException;
import jmpi.Request;
import jmpi.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A dead rank, a lost coordinator, a wrong token and bytes that are no frame: the failure is
 * reported where it matters and everything else goes on. The dead or misbehaving rank is a raw
 * socket speaking the wire protocol by hand.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class FailureTest {
    private static final String TOKEN = "failure-test-token";

    private Coordinator coordinator;
    private Session r0;
    private Session r1;

    @BeforeEach
    void start() {
        coordinator = Coordinator.start(Config.builder().port(0).token(TOKEN).build());
    }

    @AfterEach
    void stop() {
        coordinator.close();
        for (Session s : new Session[] {r0, r1}) {
            if (s != null) {
                s.close();
            }
        }
    }

    private Session rank(int r, int size) {
        return Session.connect(Config.builder().rank(r).size(size).addr("127.0.0.1")
                .port(coordinator.address().getPort()).token(TOKEN).waitTime(Duration.ofSeconds(10)).build());
    }

    /** Connects a hand-made rank and says hello; returns the open socket. */
    private Socket fakeRank(int rank, int size, String token) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", coordinator.address().getPort()), 5000);
        s.setSoTimeout(30_000);
        byte[] t = token.getBytes(StandardCharsets.UTF_8);
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        // type, protocol version 7, rank, size, token, no shared-memory segment and no data link
        out.writeInt(1 + 4 + 4 + 4 + 4 + t.length + 4 + 4);
        out.writeByte(1);
        out.writeInt(7);
        out.writeInt(rank);
        out.writeInt(size);
        out.writeInt(t.length);
        out.write(t);
        out.writeInt(-1);
        out.writeInt(-1);
        out.flush();
        return s;
    }

    /** Reads frames until the peer closes; returns the type of the first frame, or -1. */
    private static int firstFrameTypeThenEof(Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        int first = -1;
        while (true) {
            int len;
            try {
                len = in.readInt();
            } catch (java.io.EOFException e) {
                return first;
            }
            byte[] body = new byte[len];
            in.readFully(body);
            if (first == -1) {
                first = body[0];
            }
        }
    }

    private static Throwable failureOf(Request<?> r) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> r.toCompletableFuture().get(10, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void deadRankFailsWhatWaitsForItAndNothingElse() throws Exception {
        r0 = rank(0, 3);
        r1 = rank(1, 3);
        Socket dead = fakeRank(2, 3, TOKEN);
        Request<Void> b0 = r0.world().ibarrier();
        Request<Void> b1 = r1.world().ibarrier();
        Request<Object> fromDead = r0.world().irecv(2, 0);
        dead.close();
        for (Request<?> r : List.of(b0, b1, fromDead)) {
            ProcessFailedException e = assertInstanceOf(ProcessFailedException.class, failureOf(r));
            assertEquals(MPI.ERR_PROC_FAILED, e.errorClass());
            assertEquals(2, e.failedRank());
        }
        // later collectives that need it fail at once; what does not need it goes on
        assertInstanceOf(ProcessFailedException.class, failureOf(r0.world().iallreduce(1)));
        r0.world().send("still here", 1, 5);
        assertEquals("still here", r1.world().recv(0, 5));
        assertEquals(1, (int) r1.self().<Integer>allreduce(1));
    }

    @Test
    void lostCoordinatorFailsEveryPendingRequest() throws Exception {
        r0 = rank(0, 2);
        r1 = rank(1, 2);
        Request<Object> recv = r0.world().irecv(1, 0);
        Request<Void> barrier = r1.world().ibarrier();
        coordinator.close();
        assertInstanceOf(ProcessFailedException.class, failureOf(recv));
        assertInstanceOf(ProcessFailedException.class, failureOf(barrier));
        assertThrows(MPIException.class, () -> r0.world().barrier());
    }

    @Test
    void commSelfNeverTouchesTheNetwork() throws Exception {
        r0 = rank(0, 2);
        coordinator.close();
        Comm self = r0.self();
        // the coordinator is gone, and COMM_SELF does not notice: it has a coordinator of its own
        assertEquals("alone", self.bcast("alone"));
        assertEquals(List.of(7), self.allgather(7));
        self.send("to me", 0, 3);
        assertEquals("to me", self.recv(0, 3));
        int[] buf = {4};
        self.Allreduce(MPI.IN_PLACE, buf, MPI.SUM);
        assertEquals(4, buf[0]);
        Comm dup = self.Dup();
        assertEquals(1, dup.size());
        dup.Free();
        assertThrows(ProcessFailedException.class, () -> r0.world().barrier());
    }

    @Test
    void wrongTokenIsRefusedAndTheJobGoesOn() throws Exception {
        r0 = rank(0, 2);
        try (Socket intruder = fakeRank(1, 2, "not the token")) {
            assertEquals(3, firstFrameTypeThenEof(intruder));
        }
        MPIException e = assertThrows(MPIException.class, () -> Session.connect(Config.builder().rank(1).size(2)
                .addr("127.0.0.1").port(coordinator.address().getPort()).token("wrong").build()));
        assertTrue(e.getMessage().contains("wrong job token"), e.getMessage());
        r1 = rank(1, 2);
        Request<Integer> s0 = r0.world().iallreduce(1);
        assertEquals(2, (int) r1.world().<Integer>allreduce(1));
        assertEquals(2, s0.waitFor());
    }

    @Test
    void bytesThatAreNoFrameCloseOnlyThatConnection() throws Exception {
        r0 = rank(0, 2);
        r1 = rank(1, 2);
        Request<Integer> sum = r0.world().iallreduce(5);
        try (Socket junk = new Socket("127.0.0.1", coordinator.address().getPort())) {
            junk.setSoTimeout(30_000);
            DataOutputStream out = new DataOutputStream(junk.getOutputStream());
            out.writeInt(9);
            out.writeByte(42);
            out.write(new byte[8]);
            out.flush();
            firstFrameTypeThenEof(junk);
        }
        try (Socket huge = new Socket("127.0.0.1", coordinator.address().getPort())) {
            huge.setSoTimeout(30_000);
            new DataOutputStream(huge.getOutputStream()).writeInt(Integer.MAX_VALUE);
            firstFrameTypeThenEof(huge);
        }
        assertEquals(10, (int) r1.world().<Integer>allreduce(5));
        assertEquals(10, sum.waitFor());
    }

    @Test
    void oversizeMessageFailsLocally() {
        Config small = Config.builder().rank(0).size(1).addr("127.0.0.1").port(coordinator.address().getPort())
                .token(TOKEN).serialSize(1024).build();
        r0 = Session.connect(small);
        Comm c = r0.world();
        MPIException e = assertThrows(MPIException.class, () -> c.send(new byte[4096], 0));
        assertEquals(MPI.ERR_COUNT, e.errorClass());
        assertTrue(e.getMessage().contains("JMPI_SERIAL_SIZE"), e.getMessage());
        c.send(new byte[16], 0);
        assertEquals(16, c.<byte[]>recv(0).length);
    }
}
