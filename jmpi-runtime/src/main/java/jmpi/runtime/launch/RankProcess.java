package jmpi.runtime.launch;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import jmpi.Comm;
import jmpi.Config;
import jmpi.MPIException;
import jmpi.Session;
import jmpi.runtime.client.ClientSession;
import jmpi.runtime.link.Link;

/**
 * The rank that this process is, as {@code MPI.Init} connects it: every way the process ends is
 * accounted for. Finalizing when {@code main} returns; leaving as a failed rank when it ends any other
 * way; an exception out of {@code main} aborts (unless JMPI_ABORT_ON_EXCEPTION=0: it leaves as a failed
 * rank); and the process exits when its launcher or its
 * coordinator is gone, so that no rank outlives its job.
 */
public final class RankProcess implements Session {
    /** How often a rank looks whether its launcher is still there. */
    private static final long LAUNCHER_LOOK_MS = 250;

    private final ClientSession session;
    private final int rank;
    private final Map<String, String> env;
    private volatile boolean leaving;

    private RankProcess(ClientSession session, int rank, Map<String, String> env) {
        this.session = session;
        this.rank = rank;
        this.env = env;
    }

    /** Connects this process as config.rank() and starts watching how it ends. */
    public static Session connect(Config config) {
        Map<String, String> env = System.getenv();
        RankProcess p = new RankProcess(RankStart.connect(config), config.rank(), env);
        p.session.watchCoordinator(p.new CoordinatorWatch());
        p.session.onAbort(p::abort);
        JobMarkers.joined(config.rank(), env);
        ProcessEnd.onMainException(config.abortOnException(), p::abortOnException, p::leaveFailed);
        p.watchLauncher();
        return p;
    }

    @Override
    public Comm world() {
        return session.world();
    }

    @Override
    public Comm self() {
        return session.self();
    }

    /** Finalizes, unless the process is ending before its time: then it leaves as a failed rank. */
    @Override
    public void close() {
        leaving = true;
        if (ProcessEnd.unclean()) {
            session.abandon();
            return;
        }
        session.close();
        JobMarkers.finalized(rank, env);
    }

    @Override
    public boolean isClosed() {
        return session.isClosed();
    }

    @Override
    public List<String> waits() {
        return session.waits();
    }

    /** This rank aborts the job: the process exits with the status, and the caller waits for that. */
    private void abort(int code) {
        tellAbort(code);
        ProcessEnd.exit(code, "jmpi: rank " + rank + " called Abort(" + code + "); the job stops");
        while (true) {
            // Abort does not return: the exit under way ends this thread with the process
            LockSupport.park(this);
        }
    }

    /** Tells the job that this rank aborts it: every other rank exits with code. */
    private void tellAbort(int code) {
        leaving = true;
        session.tellAbort(code);
    }

    /** Its main threw, its trace printed: the job stops, and this line says which rank stopped it. */
    private void abortOnException() {
        System.err.println("jmpi: rank " + rank + ": an exception escaped main; the job stops"
                + " (JMPI_ABORT_ON_EXCEPTION=0 makes it a failed rank instead)");
        System.err.flush();
        tellAbort(1);
    }

    /** Leaves as a failed rank, the process going on: its link's end is this rank's doing, not a lost coordinator. */
    private void leaveFailed() {
        leaving = true;
        session.abandon();
    }

    /** A launcher that is gone (killed, most likely) has left its ranks to nobody: they go too. */
    private void watchLauncher() {
        Optional<ProcessHandle> launcher = launcher();
        if (launcher.isEmpty()) {
            return;
        }
        ProcessHandle h = launcher.get();
        Thread watch = new Thread(() -> {
            try {
                // the handle remembers when its process started, so a new process under the same id is not it
                while (h.isAlive()) {
                    TimeUnit.MILLISECONDS.sleep(LAUNCHER_LOOK_MS);
                }
            } catch (InterruptedException e) {
                return;
            }
            leaving = true;
            ProcessEnd.exit(1, "jmpi: rank " + rank + ": its launcher, jmpirun (pid " + h.pid() + "), is gone; exiting");
        }, "jmpi-launcher-watch");
        watch.setDaemon(true);
        watch.start();
    }

    private Optional<ProcessHandle> launcher() {
        String pid = env.get(JobMarkers.PID);
        if (pid == null || pid.isBlank()) {
            return Optional.empty();
        }
        try {
            Optional<ProcessHandle> h = ProcessHandle.of(Long.parseLong(pid.trim()));
            if (h.isEmpty()) {
                // gone before this rank looked
                ProcessEnd.exit(1, "jmpi: rank " + rank + ": its launcher, jmpirun (pid " + pid + "), is gone; exiting");
            }
            return h;
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The coordinator gone while this rank still needs it: no operation with another rank can work again. */
    private final class CoordinatorWatch implements Link.Watcher {
        @Override
        public void rankFailed(int failed) {
            // the waits on it fail; the job may go on without it
        }

        @Override
        public void aborted(int by, int code) {
            if (!leaving) {
                leaving = true;
                // quietly: the rank that aborted said why; what fails here meanwhile is its doing
                ProcessEnd.jobAborted();
                ProcessEnd.exit(code, null);
            }
        }

        @Override
        public void lost(MPIException why) {
            if (!leaving) {
                leaving = true;
                ProcessEnd.exit(1, "jmpi: rank " + rank + " lost its coordinator (" + why.getMessage() + "); exiting");
            }
        }
    }

    @Override
    public String toString() {
        return session.toString();
    }
}
