package jmpi.tests.tasks;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jmpi.Comm;
import jmpi.exec.Task;
import jmpi.op.Payload;

/**
 * Tasks that make the rank running them fail, the first time only, so that the run on another rank
 * succeeds; and one that holds its rank until the root has seen enough of the others.
 */
public final class Crashes {
    /** The rank's communicator, for the tasks its thread runs (each rank of a job in one JVM has a thread). */
    public static final ThreadLocal<Comm> HERE = new ThreadLocal<>();
    private static final Set<Long> CRASHED = ConcurrentHashMap.newKeySet();
    private static final Map<Long, CountDownLatch> GATES = new ConcurrentHashMap<>();
    private static final Map<Long, CountDownLatch> ENTERED = new ConcurrentHashMap<>();

    private Crashes() {
    }

    /** In one JVM: the first run of key aborts its rank (which leaves as a failed rank); later ones return value. */
    @Payload
    public record CrashOnce(long key, long value) implements Task<Long> {
        @Override
        public Long call() {
            if (CRASHED.add(key)) {
                HERE.get().Abort(1);
            }
            return value;
        }
    }

    /** A process: the first run (no marker file yet) exits the process with status 3; later ones return value. */
    @Payload
    public record ExitOnce(String marker, long value) implements Task<Long> {
        @Override
        public Long call() throws IOException {
            try {
                Files.createFile(Path.of(marker));
            } catch (FileAlreadyExistsException e) {
                return value;
            }
            Runtime.getRuntime().halt(3);
            return value;
        }
    }

    /** In one JVM: on rank slow, waits until {@link #open(long)} opens the gate key; elsewhere returns value at once. */
    @Payload
    public record Gated(long key, int slow, long value) implements Task<Long> {
        @Override
        public Long call() throws InterruptedException {
            if (HERE.get().rank() == slow) {
                latch(ENTERED, key).countDown();
                latch(GATES, key).await();
            }
            return value;
        }
    }

    /** Lets the Gated tasks of key go on. */
    public static void open(long key) {
        latch(GATES, key).countDown();
    }

    /** Waits until a Gated task of key runs on its slow rank; false if it did not within a minute. */
    public static boolean awaitEntered(long key) throws InterruptedException {
        return latch(ENTERED, key).await(1, TimeUnit.MINUTES);
    }

    private static CountDownLatch latch(Map<Long, CountDownLatch> latches, long key) {
        return latches.computeIfAbsent(key, k -> new CountDownLatch(1));
    }
}
