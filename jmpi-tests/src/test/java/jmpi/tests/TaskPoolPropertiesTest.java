package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import jmpi.MPIException;
import jmpi.RemoteException;
import jmpi.exec.Task;
import jmpi.exec.TaskListener;
import jmpi.exec.TaskPool;
import jmpi.testing.MPITesting;
import jmpi.tests.tasks.Crashes;
import jmpi.tests.tasks.Square;
import org.junit.jupiter.api.Test;

/**
 * Random task sets, some throwing, and a worker that fails in the middle: every task's future
 * completes once, with its value or its exception, and the listener hears of each task once.
 */
class TaskPoolPropertiesTest {
    /** Each example is a job of its own: a few shrinks say enough. */
    private static final int SHRINKS = 5;
    /** Crash keys, new in every example: a shrink reruns a seed, and a key crashes its rank once only. */
    private static final AtomicLong KEYS = new AtomicLong();

    /** Counts the listener's calls per task (by identity: equal records are different tasks) and the runs. */
    private static final class Tally implements TaskListener {
        final Map<Task<?>, Integer> calls = Collections.synchronizedMap(new IdentityHashMap<>());
        final Map<Task<?>, Integer> runs = Collections.synchronizedMap(new IdentityHashMap<>());

        @Override
        public void taskDone(Task<?> task, int worker, int runs, Throwable failure) {
            calls.merge(task, 1, Integer::sum);
            this.runs.put(task, runs);
        }

        void assertOncePerTask(List<? extends Task<?>> tasks) {
            for (Task<?> t : tasks) {
                assertEquals(1, calls.get(t), "listener calls for " + t);
            }
            assertEquals(tasks.size(), calls.size());
        }
    }

    private static List<Square> squares(long seed, int count) {
        Random r = new Random(seed);
        List<Square> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long x = r.nextInt(1000);
            tasks.add(r.nextInt(4) == 0 ? Square.failing(x) : Square.of(x));
        }
        return tasks;
    }

    /** Asserts f ended the way t says: its square, or the RemoteException of its throw. */
    private static void assertOutcome(Square t, Future<Long> f) throws Exception {
        if (t.fails()) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(1, TimeUnit.MINUTES));
            RemoteException remote = assertInstanceOf(RemoteException.class, e.getCause());
            assertTrue(remote.getMessage().contains(Square.message(t.x())), remote.getMessage());
        } else {
            assertEquals(t.x() * t.x(), f.get(1, TimeUnit.MINUTES));
        }
    }

    @Test
    void everyFutureCompletesOnceWithItsOutcome() {
        qt().withExamples(12).withShrinkCycles(SHRINKS).forAll(integers().between(2, 5), integers().between(0, 40), integers().between(1, 4),
                longs().all()).checkAssert((n, count, chunk, seed) -> {
                    List<Square> submitted = squares(seed, count);
                    List<Square> mapped = squares(seed + 1, count).stream().filter(t -> !t.fails()).toList();
                    Tally tally = new Tally();
                    MPITesting.run(n, c -> {
                        try (TaskPool pool = TaskPool.open(c, 0, tally)) {
                            if (pool.isRoot()) {
                                List<Future<Long>> futures = submitted.stream().map(pool::submit).toList();
                                List<Long> values = pool.map(mapped, chunk).toList();
                                for (int i = 0; i < mapped.size(); i++) {
                                    assertEquals(mapped.get(i).x() * mapped.get(i).x(), values.get(i));
                                }
                                for (int i = 0; i < count; i++) {
                                    assertOutcome(submitted.get(i), futures.get(i));
                                }
                            }
                        }
                    });
                    List<Square> all = new ArrayList<>(submitted);
                    all.addAll(mapped);
                    tally.assertOncePerTask(all);
                });
    }

    @Test
    void aWorkerThatFailsMidRunLosesNoTaskAndDoublesNone() {
        qt().withExamples(8).withShrinkCycles(SHRINKS).forAll(integers().between(3, 5), integers().between(1, 30), integers().between(1, 3),
                longs().all()).checkAssert((n, count, chunk, seed) -> {
                    Random r = new Random(seed);
                    List<Task<Long>> tasks = new ArrayList<>(squares(seed, count));
                    Crashes.CrashOnce crash = new Crashes.CrashOnce(KEYS.incrementAndGet(), 7);
                    tasks.add(r.nextInt(tasks.size() + 1), crash);
                    Tally tally = new Tally();
                    Set<Integer> died = ConcurrentHashMap.newKeySet();
                    try (InJvmJob job = InJvmJob.start(n)) {
                        job.run((rank, s) -> {
                            Crashes.HERE.set(s.world());
                            TaskPool pool;
                            try {
                                pool = TaskPool.open(s.world(), 0, tally);
                            } catch (MPIException e) {
                                // the rank that ran the crash: it is gone, the pool goes on without it
                                died.add(rank);
                                return;
                            }
                            try (pool) {
                                if (pool.isRoot()) {
                                    List<Future<Long>> futures = new ArrayList<>();
                                    for (int i = 0; i < tasks.size(); i += chunk) {
                                        futures.addAll(pool.invokeAll(tasks.subList(i,
                                                Math.min(tasks.size(), i + chunk))));
                                    }
                                    for (int i = 0; i < tasks.size(); i++) {
                                        if (tasks.get(i) instanceof Square sq) {
                                            assertOutcome(sq, futures.get(i));
                                        } else {
                                            assertEquals(7L, futures.get(i).get());
                                        }
                                    }
                                }
                            }
                        });
                    } catch (Throwable e) {
                        throw new AssertionError(e);
                    }
                    assertEquals(1, died.size(), "ranks that failed: " + died);
                    assertEquals(2, tally.runs.get(crash), "runs of the crashing task");
                    tally.assertOncePerTask(tasks);
                });
    }
}
