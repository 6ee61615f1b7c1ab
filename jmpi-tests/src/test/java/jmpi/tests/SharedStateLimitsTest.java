package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jmpi.Comm;
import jmpi.Config;
import jmpi.Coordinator;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Session;
import jmpi.shared.SharedLock;
import jmpi.shared.SharedMap;
import org.junit.jupiter.api.Test;

/** Shared state at its edges: a map past JMPI_SERIAL_QUEUE, and a lock whose holder fails. */
class SharedStateLimitsTest {

    @Test
    void aMapPastTheBoundFailsWithErrBufferAndTheCoordinatorGoesOn() {
        Config base = Config.builder().port(0).token("shared-state-limits").serialQueue(64 << 10)
                .waitTime(Duration.ofSeconds(10)).build();
        try (Coordinator coordinator = Coordinator.start(base)) {
            Session s = Session.connect(base.toBuilder().rank(0).size(1).addr("127.0.0.1")
                    .port(coordinator.address().getPort()).build());
            try {
                Comm comm = s.world();
                SharedMap<Integer, byte[]> m = comm.map("big");
                List<Integer> stored = new ArrayList<>();
                MPIException full = null;
                for (int i = 0; i < 100 && full == null; i++) {
                    try {
                        m.put(i, new byte[4096]);
                        stored.add(i);
                    } catch (MPIException e) {
                        full = e;
                    }
                }
                assertNotNull(full, "100 values of 4 KiB fit in 64 KiB of shared state");
                assertEquals(MPI.ERR_BUFFER, full.errorClass());
                assertTrue(full.getMessage().contains("JMPI_SERIAL_QUEUE") && full.getMessage().contains("\"big\""),
                        full.getMessage());
                assertTrue(stored.size() >= 10, "stored " + stored.size());
                assertEquals(stored.size(), m.size(), "the refused put changed nothing");
                assertEquals(7, comm.counter("after").addAndGet(7), "the coordinator goes on");
                assertArrayEquals(new byte[4096], m.get(0));
                m.remove(0);
                m.put(1000, new byte[4096]);
                assertEquals(stored.size(), m.size(), "a removed entry's room is free again");
                assertEquals(1, (int) comm.allreduce(1, MPI.SUM));
            } finally {
                s.close();
            }
        }
    }

    @Test
    void aLockWhoseHolderFailsPassesOnAndSaysSo() throws Throwable {
        try (InJvmJob job = InJvmJob.start(2)) {
            job.run((rank, s) -> {
                Comm comm = s.world();
                SharedLock lock = comm.lock("guard");
                if (rank == 1) {
                    lock.lock();
                    comm.ssend("holding", 0);
                    MPIException e = assertThrows(MPIException.class, () -> comm.Abort(1));
                    assertNotNull(e.getMessage());
                } else {
                    assertEquals("holding", comm.recv(1));
                    lock.lock();
                    try {
                        assertTrue(lock.previousOwnerFailed(), "the next holder is told its owner failed");
                    } finally {
                        lock.unlock();
                    }
                    lock.lock();
                    try {
                        assertTrue(!lock.previousOwnerFailed(), "told once, for the hold that followed the failure");
                    } finally {
                        lock.unlock();
                    }
                }
            });
        }
    }
}
