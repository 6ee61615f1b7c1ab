package jmpi.runtime.launch;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How a rank's process is ending, and ending it. A {@code main} that returns ends the JVM without an
 * exit call, and its rank finalizes; {@code System.exit}, a signal and an exception out of
 * {@code main} are the other ways, and a rank that ends one of them leaves as a failed rank.
 */
final class ProcessEnd {
    /** How long an exit may take (its shutdown hooks) before the process is halted. */
    private static final long EXIT_PATIENCE_MS = 4000;

    private static volatile boolean mainThrew;
    private static volatile boolean jobAborted;

    private ProcessEnd() {
    }

    /**
     * Whether the process is ending other than by {@code main} returning: an exception came out of
     * {@code main}, or some thread is in the JVM's exit (System.exit, and the thread that handles a
     * signal), which a JVM ending because its last thread finished never enters.
     */
    static boolean unclean() {
        if (mainThrew) {
            return true;
        }
        for (StackTraceElement[] stack : Thread.getAllStackTraces().values()) {
            for (StackTraceElement frame : stack) {
                if ("java.lang.Shutdown".equals(frame.getClassName()) && "exit".equals(frame.getMethodName())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * What an exception out of the main thread does. Its stack trace is printed once, as the JVM prints it
     * (or by the program's own handler). With abort, the job is told (tellJob: every other rank exits with
     * 1, quietly) and the process exits with 1 without finalizing, even if other threads of the program
     * would keep it alive; without, the rank leaves as a failed rank (leave) and the process goes on with
     * its other threads.
     */
    static void onMainException(boolean abort, Runnable tellJob, Runnable leave) {
        Thread main = mainThread();
        if (main == null) {
            return;
        }
        Thread.UncaughtExceptionHandler before = main.getUncaughtExceptionHandler();
        main.setUncaughtExceptionHandler((t, e) -> {
            mainThrew = true;
            if (jobAborted) {
                // another rank aborted the job and this process is exiting with its code: a failure
                // met meanwhile (its death, most likely) is that abort's doing, not news. The main thread
                // waits here for that exit: if it ended now, the JVM would end with status 1 first
                parkUntilExit();
            }
            if (before != null) {
                before.uncaughtException(t, e);
            }
            if (abort) {
                tellJob.run();
                haltLater(1);
                System.exit(1);
            }
            leave.run();
        });
    }

    /** Another rank aborted the job: this process is exiting with its code. */
    static void jobAborted() {
        jobAborted = true;
    }

    /** No timeout needed: the abort's exit was started with its halt backstop (see {@link #exit}). */
    private static void parkUntilExit() {
        while (true) {
            LockSupport.park(ProcessEnd.class);
        }
    }

    private static Thread mainThread() {
        Thread me = Thread.currentThread();
        if ("main".equals(me.getName())) {
            return me;
        }
        return Thread.getAllStackTraces().keySet().stream().filter(t -> "main".equals(t.getName())
                && t.getThreadGroup() != null && "main".equals(t.getThreadGroup().getName())).findFirst().orElse(null);
    }

    /**
     * Ends the process with status from a thread of its own, so that the caller (a link's reader, a
     * watcher) is not the one its shutdown hooks wait for; halts it if the hooks take too long.
     */
    static void exit(int status, String why) {
        if (why != null) {
            System.err.println(why);
            System.err.flush();
        }
        haltLater(status);
        Thread exiting = new Thread(() -> System.exit(status), "jmpi-exit");
        exiting.setDaemon(true);
        exiting.start();
    }

    /** Halts the process if it is still there after a while: a shutdown hook of the program may hang. */
    private static void haltLater(int status) {
        Thread backstop = new Thread(() -> {
            try {
                TimeUnit.MILLISECONDS.sleep(EXIT_PATIENCE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(status);
        }, "jmpi-exit-backstop");
        backstop.setDaemon(true);
        backstop.start();
    }
}
