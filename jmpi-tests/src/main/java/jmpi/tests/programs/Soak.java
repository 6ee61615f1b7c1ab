package jmpi.tests.programs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.ProcessFailedException;

/**
 * Thousands of mixed operations with every result checked: collectives, point-to-point and a custom
 * operation, on the world and on a split communicator ({@link SoakSteps}). Optionally ranks die
 * (by default {@code Runtime.halt}; any of {@link Dying}'s ways), each at a step drawn from the seed; the
 * survivors must then see only the documented
 * failure ({@link ProcessFailedException}, {@code ERR_PROC_FAILED}) and keep every result that had
 * completed.
 *
 * <p>Options: {@code --steps=N} (2000), {@code --seed=S} (1), {@code --kill=RANK[,RANK...]} (none),
 * {@code --how=halt|kill|exit|throw|drop} (halt), and
 * {@code --report=DIR}, where every rank also writes its lines to {@code soak-RANK.txt}: a launcher that
 * stops the job may not pass on what the survivors print. Every rank prints one summary line:
 * <pre>
 * soak rank 1 of 4: 2000 steps, 2420 checks passed, 64 completed results kept; ok
 * soak rank 1 of 4: 93 steps, 121 checks passed, 10 completed results kept; stopped by
 *     ProcessFailedException (ERR_PROC_FAILED), failed rank 2                      (one line)
 * soak rank 2 of 4: halting at step 93
 * soak rank 2 of 4: dying by drop at step 93                                    (any other way)
 * </pre>
 * A survivor stopped while it still works, by jmpirun or by another rank's abort (the JVM's shutdown
 * finalizes jmpi under it), says {@code stopped by the launcher}. A wrong result prints {@code CHECK FAILED} and any other exception
 * {@code UNEXPECTED}; both exit non-zero at once.
 */
public final class Soak {
    /** Counted down once this rank has said how it ended. */
    private static final CountDownLatch REPORTED = new CountDownLatch(1);
    /** Set once the JVM is shutting down: jmpirun is stopping this rank. */
    private static volatile boolean stopping;
    private static Path report;
    private static String who = "soak: ";

    private Soak() {
    }

    public static void main(String[] args) {
        int steps = 2000;
        long seed = 1;
        Set<Integer> kill = Set.of();
        Dying how = Dying.HALT;
        for (String a : args) {
            String v = a.substring(a.indexOf('=') + 1);
            if (a.startsWith("--steps=")) {
                steps = Integer.parseInt(v);
            } else if (a.startsWith("--seed=")) {
                seed = Long.parseLong(v);
            } else if (a.startsWith("--kill=")) {
                kill = Arrays.stream(v.split(",")).map(String::trim).map(Integer::valueOf).collect(Collectors.toSet());
            } else if (a.startsWith("--how=")) {
                how = Dying.named(v);
            } else if (a.startsWith("--report=")) {
                report = Path.of(v);
            } else {
                throw new IllegalArgumentException("unknown option " + a
                        + " (expected --steps=N --seed=S --kill=RANK[,RANK...] --how=WAY --report=DIR)");
            }
        }
        run(steps, seed, kill, how);
    }

    private static void run(int steps, long seed, Set<Integer> kill, Dying how) {
        Comm world = MPI.COMM_WORLD;
        int rank = world.rank();
        who = "soak rank " + rank + " of " + world.size() + ": ";
        if (report != null) {
            report = report.resolve("soak-" + rank + ".txt");
        }
        // jmpirun stops the job as soon as a rank dies: a survivor still says what it saw before it goes
        Runtime.getRuntime().addShutdownHook(new Thread(Soak::awaitReport, "soak-report"));
        // drawn apart from the plan, so that a kill does not change which operations run
        int killAt = -1;
        if (kill.contains(rank)) {
            killAt = steps / 4 + new Random(seed * 31 + rank).nextInt(Math.max(1, steps / 2));
        }
        // the same seed on every rank: they agree on each step's operation
        Random plan = new Random(seed);
        SoakSteps soak = null;
        int step = 0;
        try {
            Comm half = world.Split(rank % 2, rank);
            soak = new SoakSteps(world, half);
            for (; step < steps; step++) {
                if (step == killAt) {
                    say(how == Dying.HALT ? "halting at step " + step
                            : "dying by " + how.name().toLowerCase(java.util.Locale.ROOT) + " at step " + step);
                    how.now(step);
                }
                soak.run(step, plan.nextInt(SoakSteps.KINDS));
            }
            soak.recheck();
            half.Free();
            say(summary(step, soak) + "; ok");
            REPORTED.countDown();
            MPI.Finalize();
        } catch (MPIException e) {
            if (e.errorClass() != MPI.ERR_PROC_FAILED && (stopping || shuttingDown())) {
                // the shutdown hook finalized jmpi under this thread: being stopped, not a failure seen
                say(summary(step, soak) + "; stopped by the launcher (" + e.getMessage() + ")");
                REPORTED.countDown();
                return;
            }
            if (e.errorClass() != MPI.ERR_PROC_FAILED) {
                unexpected(step, e);
            }
            // what completed before the failure must still be there
            recheck(step, soak);
            int failed = e instanceof ProcessFailedException p ? p.failedRank() : MPI.UNDEFINED;
            say(summary(step, soak) + "; stopped by " + e.getClass().getSimpleName()
                    + " (ERR_PROC_FAILED), failed rank " + (failed == MPI.UNDEFINED ? "unknown" : failed));
            REPORTED.countDown();
            System.exit(4);
        } catch (SoakSteps.CheckFailed e) {
            say("CHECK FAILED: " + e.getMessage());
            Runtime.getRuntime().halt(2);
        } catch (Dying.Thrown e) {
            // leaves main, as the failure it stands for
            throw e;
        } catch (RuntimeException | Error e) {
            unexpected(step, e);
        }
    }

    private static void recheck(int step, SoakSteps soak) {
        if (soak == null) {
            return;
        }
        try {
            soak.recheck();
        } catch (SoakSteps.CheckFailed e) {
            say("CHECK FAILED after the failure: " + e.getMessage());
            Runtime.getRuntime().halt(2);
        } catch (RuntimeException e) {
            unexpected(step, e);
        }
    }

    private static String summary(int step, SoakSteps soak) {
        int checks = soak == null ? 0 : soak.checks();
        int kept = soak == null ? 0 : soak.kept();
        return step + " steps, " + checks + " checks passed, " + kept + " completed results kept";
    }

    private static void unexpected(int step, Throwable t) {
        say("UNEXPECTED at step " + step + ": " + t);
        t.printStackTrace(System.out);
        System.out.flush();
        Runtime.getRuntime().halt(1);
    }

    /** Prints a line of this rank, and appends it to the report file if there is one. */
    private static void say(String line) {
        System.out.println(who + line);
        System.out.flush();
        if (report != null) {
            try {
                Files.writeString(report, who + line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Whether this JVM is shutting down: jmpi's own shutdown hook may finalize it before this program's
     * hook has run and said so.
     */
    private static boolean shuttingDown() {
        try {
            Thread probe = new Thread(() -> { });
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    private static void awaitReport() {
        stopping = true;
        try {
            REPORTED.await(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
