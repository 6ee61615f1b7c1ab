package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import jmpi.Comm;
import jmpi.Config;
import jmpi.Coordinator;
import jmpi.Session;
import jmpi.shared.SharedLock;
import jmpi.shared.SharedSemaphore;
import jmpi.tests.programs.Dying;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Shared state across processes: under jmpirun on every carrier, and a lock whose holder's process dies. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SharedStateProcessTest {
    private static final String TOKEN = "shared-state-process-test";
    private static final int NP = 3;
    private static final int ROUNDS = 40;

    private Running holder;
    private Coordinator coordinator;
    private Session root;

    @AfterEach
    void stop() {
        if (holder != null) {
            holder.close();
        }
        if (root != null) {
            root.close();
        }
        if (coordinator != null) {
            coordinator.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "tcp-coordinator", "grpc"})
    void countsAndTheLockHoldUnderTheLauncher(String carrier) throws Exception {
        ProcessBuilder pb = Jobs.jmpirun(NP, Jobs.rankCommand("jmpi.tests.programs.SharedCounting",
                Integer.toString(ROUNDS)));
        switch (carrier) {
            case "tcp-coordinator" -> pb.environment().put("JMPI_DATA", Config.DATA_COORDINATOR);
            case "grpc" -> pb.environment().put("JMPI_PROTO", "grpc");
            default -> {
            }
        }
        assertCounted(Jobs.run(pb, Duration.ofMinutes(2)));
    }

    @Test
    void countsAndTheLockHoldOverMqtt() throws Exception {
        try (Mosquitto broker = Mosquitto.start()) {
            ProcessBuilder pb = Jobs.jmpirun(NP, Jobs.rankCommand("jmpi.tests.programs.SharedCounting",
                    Integer.toString(ROUNDS)));
            pb.environment().put("JMPI_PROTO", "mqtt");
            pb.environment().put("JMPI_PORT", Integer.toString(broker.port()));
            assertCounted(Jobs.run(pb, Duration.ofMinutes(2)));
        }
    }

    private static void assertCounted(Jobs.Result r) {
        assertEquals(0, r.exitCode(), r.out());
        assertTrue(r.out().contains("total " + NP * ROUNDS + ", entries " + NP * ROUNDS + ", overlaps 0"), r.out());
    }

    @ParameterizedTest(name = "the holder dies by {0}")
    @EnumSource(value = Dying.class, names = {"HALT", "KILL"})
    void aLockAndPermitsWhoseHolderProcessDiesPassToTheWaitersAndTheLockWaiterIsTold(Dying way) throws Exception {
        coordinator = Coordinator.start(Config.builder().port(0).token(TOKEN).build());
        int port = coordinator.address().getPort();
        ProcessBuilder pb = new ProcessBuilder(Jobs.rankCommand("jmpi.tests.programs.LockHolder", way.name()))
                .directory(Jobs.root().toFile());
        Jobs.cleanEnvironment(pb.environment());
        pb.environment().putAll(Map.of("JMPI_RANK", "1", "JMPI_SIZE", "2", "JMPI_ADDR", "127.0.0.1",
                "JMPI_PORT", Integer.toString(port), "JMPI_TOKEN", TOKEN));
        holder = Running.start(pb);
        root = Session.connect(Config.builder().rank(0).size(2).addr("127.0.0.1").port(port).token(TOKEN)
                .waitTime(Duration.ofMinutes(1)).build());
        Comm world = root.world();
        assertEquals("holding", world.recv(1));
        SharedLock lock = world.lock("guard");
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                lock.lock();
                outcome.set(lock.previousOwnerFailed());
                lock.unlock();
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        SharedSemaphore slots = world.semaphore("slots", 3);
        AtomicReference<Object> permits = new AtomicReference<>();
        Thread acquirer = new Thread(() -> {
            try {
                slots.acquire(3);
                permits.set(3);
            } catch (Throwable e) {
                permits.set(e);
            }
        });
        waiter.start();
        acquirer.start();
        awaitRollCall("waits in lock(\"guard\") on communicator 0 (MPI_COMM_WORLD), held by rank 1");
        awaitRollCall("semaphore.acquire(\"slots\", 3) on communicator 0 (MPI_COMM_WORLD), 1 free");
        world.send("now", 1);
        waiter.join(TimeUnit.MINUTES.toMillis(1));
        acquirer.join(TimeUnit.MINUTES.toMillis(1));
        assertEquals(Boolean.TRUE, outcome.get(), "the waiter got the lock and was told its owner failed");
        assertEquals(3, permits.get(), "the 2 permits the failed rank held came back to the waiter");
        assertEquals(0, slots.availablePermits(), "given back once, not the one it had released too");
        slots.release(3);
        assertTrue(holder.waitFor(Duration.ofMinutes(1)).exitCode() != 0);
        assertTrue(lock.tryLock(), "free again once unlocked");
        assertTrue(!lock.previousOwnerFailed());
        lock.unlock();
        assertNull(world.<String, String>map("after").get("x"), "the coordinator goes on");
    }

    /** Waits until the coordinator's roll-call shows line, as it will once the waiter's call has arrived. */
    private void awaitRollCall(String line) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        String seen = coordinator.rollCall();
        while (!seen.contains(line)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the roll-call never showed \"" + line + "\":\n" + seen);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            seen = coordinator.rollCall();
        }
    }
}
