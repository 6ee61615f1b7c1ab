package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import jmpi.Comm;
import jmpi.Config;
import jmpi.ProcessFailedException;
import jmpi.RemoteException;
import jmpi.exec.TaskPool;
import jmpi.testing.MPITesting;
import jmpi.tests.tasks.Crashes;
import jmpi.tests.tasks.Square;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The task pool with many ranks in this JVM: what the root submits runs on the others, which serve. */
class TaskPoolTest {
    private static final List<Square> SQUARES = LongStream.rangeClosed(1, 50).mapToObj(Square::of).toList();
    private static final List<Long> SQUARED = LongStream.rangeClosed(1, 50).map(x -> x * x).boxed().toList();

    /** Every ExecutorService call on the root, the same code on every rank. */
    private static void everyCall(Comm c) throws Exception {
        TaskPool outside;
        try (TaskPool pool = TaskPool.open(c, 0)) {
            outside = pool;
            if (pool.isRoot()) {
                assertEquals(SQUARED, pool.map(SQUARES, 7).toList());
                assertEquals(SQUARED, pool.map(SQUARES).toList());
                assertEquals(49L, pool.submit(Square.of(7)).get(1, TimeUnit.MINUTES));
                List<Future<Long>> all = pool.invokeAll(SQUARES.subList(0, 5));
                for (int i = 0; i < 5; i++) {
                    assertEquals(SQUARED.get(i), all.get(i).get());
                }
                assertEquals(64L, pool.invokeAny(List.of(Square.failing(3), Square.of(8))));
            } else {
                assertTrue(pool.isTerminated(), "a rank that served gets a terminated pool");
                assertThrows(RejectedExecutionException.class, () -> pool.submit(Square.of(1)));
            }
        }
        assertTrue(outside.isTerminated());
        // the pool's own communicator is gone; the program's goes on
        assertEquals(c.size(), (int) c.<Integer>allreduce(1));
    }

    @Test
    void everyCallWorksOnTheDirectPlane() {
        MPITesting.run(4, TaskPoolTest::everyCall);
    }

    @ParameterizedTest
    @ValueSource(strings = {Config.DATA_DIRECT, Config.DATA_COORDINATOR})
    void everyCallWorksOnEitherPlane(String data) throws Throwable {
        try (InJvmJob job = InJvmJob.start(3, data)) {
            job.run((rank, s) -> everyCall(s.world()));
        }
    }

    @Test
    void aThrowingTaskFailsItsFutureWithRemoteException() {
        MPITesting.run(3, c -> {
            try (TaskPool pool = TaskPool.open(c, 2)) {
                if (pool.isRoot()) {
                    Future<Long> f = pool.submit(Square.failing(5));
                    ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(1, TimeUnit.MINUTES));
                    RemoteException remote = assertInstanceOf(RemoteException.class, e.getCause());
                    assertEquals(IllegalStateException.class.getName(), remote.remoteType());
                    assertTrue(remote.getMessage().contains(Square.message(5)), remote.getMessage());
                    assertTrue(remote.remoteStackTrace().contains("Square.call"), remote.remoteStackTrace());
                    // in a map, the failed element throws where the stream reaches it
                    List<Square> mixed = List.of(Square.of(1), Square.failing(2), Square.of(3));
                    assertThrows(RemoteException.class, () -> pool.map(mixed, 2).toList());
                    assertEquals(9L, pool.submit(Square.of(3)).get());
                }
            }
        });
    }

    @Test
    void codeIsRefusedWithAnErrorThatSaysWhatATaskIs() {
        MPITesting.run(2, c -> {
            try (TaskPool pool = TaskPool.open(c, 0)) {
                if (pool.isRoot()) {
                    Callable<Long> lambda = () -> 1L;
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.submit(lambda));
                    assertTrue(e.getMessage().contains("record implementing jmpi.exec.Task, marked @jmpi.op.Payload"),
                            e.getMessage());
                    assertThrows(IllegalArgumentException.class, () -> pool.invokeAll(List.of(Square.of(1), lambda)));
                    RejectedExecutionException r = assertThrows(RejectedExecutionException.class,
                            () -> pool.execute(() -> { }));
                    assertTrue(r.getMessage().contains("Runnable"), r.getMessage());
                    assertEquals(4L, pool.submit(Square.of(2)).get());
                }
            }
        });
    }

    @Test
    void aSlowWorkerGetsLess() {
        long key = System.nanoTime();
        int n = 20;
        Map<Integer, AtomicInteger> ranBy = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        MPITesting.run(3, c -> {
            Crashes.HERE.set(c);
            try (TaskPool pool = TaskPool.open(c, 0, (task, worker, runs, failure) -> {
                ranBy.computeIfAbsent(worker, w -> new AtomicInteger()).incrementAndGet();
                // rank 1 holds its first task until rank 2 has done all the others
                if (done.incrementAndGet() == n - 1) {
                    Crashes.open(key);
                }
            })) {
                if (pool.isRoot()) {
                    List<Crashes.Gated> tasks = LongStream.range(0, n).mapToObj(i -> new Crashes.Gated(key, 1, i))
                            .toList();
                    assertEquals(LongStream.range(0, n).boxed().toList(), pool.map(tasks).toList());
                }
            }
        });
        int slow = ranBy.getOrDefault(1, new AtomicInteger()).get();
        assertTrue(slow <= 1, "the held rank ran " + slow + " tasks: " + ranBy);
        assertEquals(n, slow + ranBy.get(2).get());
    }

    @Test
    void shutdownNowTakesBackWhatWasNotSent() {
        long key = System.nanoTime();
        MPITesting.run(2, c -> {
            Crashes.HERE.set(c);
            TaskPool pool = TaskPool.open(c, 0);
            if (pool.isRoot()) {
                Future<Long> held = pool.submit(new Crashes.Gated(key, 1, 42));
                assertTrue(Crashes.awaitEntered(key));
                List<Future<Long>> queued = SQUARES.subList(0, 5).stream().map(pool::submit).toList();
                List<Runnable> unsent = pool.shutdownNow();
                assertEquals(5, unsent.size());
                assertTrue(pool.isShutdown());
                assertThrows(RejectedExecutionException.class, () -> pool.submit(Square.of(1)));
                assertFalse(pool.isTerminated(), "rank 1 still runs a task");
                Crashes.open(key);
                assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
                assertEquals(42L, held.get());
                assertTrue(queued.stream().allMatch(Future::isCancelled));
            }
        });
    }

    @Test
    void aPoolOfOneRankHasNoOneToRunItsTasks() {
        MPITesting.run(1, c -> {
            try (TaskPool pool = TaskPool.open(c, 0)) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> pool.submit(Square.of(2)).get());
                ProcessFailedException p = assertInstanceOf(ProcessFailedException.class, e.getCause());
                assertTrue(p.getMessage().contains("two ranks or more"), p.getMessage());
            }
        });
    }

    @Test
    void whenTheRootFailsTheWorkersOpenFails() throws Throwable {
        try (InJvmJob job = InJvmJob.start(3)) {
            job.run((rank, s) -> {
                if (rank == 0) {
                    TaskPool.open(s.world(), 0);
                    assertThrows(jmpi.MPIException.class, () -> s.world().Abort(1));
                } else {
                    ProcessFailedException e = assertThrows(ProcessFailedException.class,
                            () -> TaskPool.open(s.world(), 0));
                    assertEquals(0, e.failedRank());
                }
            });
        }
    }

    @Test
    void flightRecorderRecordsATaskEventPerTask() throws Exception {
        List<RecordedEvent> seen = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(SQUARES.size());
        try (RecordingStream rs = new RecordingStream()) {
            rs.enable("jmpi.Task");
            rs.onEvent("jmpi.Task", e -> {
                if (e.getString("task").equals(Square.class.getName())) {
                    seen.add(e);
                    all.countDown();
                }
            });
            rs.startAsync();
            MPITesting.run(3, c -> {
                try (TaskPool pool = TaskPool.open(c, 0)) {
                    if (pool.isRoot()) {
                        assertEquals(SQUARED, pool.map(SQUARES, 5).toList());
                    }
                }
            });
            // events reach the stream when Flight Recorder flushes, about once a second
            assertTrue(all.await(1, TimeUnit.MINUTES), "events seen: " + seen.size());
        }
        for (RecordedEvent e : seen) {
            assertTrue(e.getInt("worker") == 1 || e.getInt("worker") == 2, e.toString());
            assertEquals(1, e.getInt("runs"));
            assertFalse(e.getBoolean("failed"));
        }
    }
}
