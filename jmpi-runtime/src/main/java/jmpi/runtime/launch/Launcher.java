package jmpi.runtime.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import jmpi.runtime.link.JobCertificates;
import jmpi.runtime.link.shm.Segment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jmpirun -np N COMMAND...}: starts N ranks with their rank, size, port and job token in the
 * environment, forwards their output, and stops the job when a rank fails or on Ctrl-C.
 */
@Command(name = "jmpirun", mixinStandardHelpOptions = true, version = "jmpirun 0.1",
        description = "Runs COMMAND as N ranks of a jmpi job.")
public final class Launcher implements Callable<Integer> {
    /** How long a rank killed after its grace may take to be gone; the kernel needs a moment, not more. */
    private static final long KILL_WAIT_SECONDS = 5;

    @Option(names = {"-np", "-n", "--np"}, description = "number of ranks (default: ${DEFAULT-VALUE})",
            defaultValue = "1")
    int np;

    @Option(names = {"--prefix", "--tag-output"}, description = "prefix every output line with [rank]")
    boolean prefix;

    @Option(names = "--port", description = "coordinator port, or the broker's with JMPI_PROTO=mqtt (default: JMPI_PORT, else"
            + " a free one, or 61642 when JMPI_ADDR is set or with MQTT)")
    Integer port;

    @Option(names = "--status-port", description = "serve the coordinator's status (JSON and HTML) on this port")
    Integer statusPort;

    @Option(names = "--grace", description = "seconds a rank gets to stop before it is killed (default: ${DEFAULT-VALUE})",
            defaultValue = "5")
    int grace;

    @Option(names = "--tls", description = "encrypt every link of the job with mutual TLS, with a key and"
            + " certificate made for this job alone and removed when it ends (not with JMPI_ADDR or MQTT)")
    boolean tls;

    @Option(names = "--tolerate-failures", description = "keep the job running when a rank other than 0 fails (it"
            + " exits with a non-zero code or without MPI.Finalize): the others learn of it through their operations"
            + " and may Revoke, Agree and Shrink; the job's code is then that of the survivors")
    boolean tolerateFailures;

    @Option(names = "--status", arity = "0..1", fallbackValue = "", paramLabel = "JOB",
            description = "print what each rank of a running job does now (its roll-call), and exit; JOB is the"
                    + " job's id (its jmpirun's process id), else the job on --port, else the only one running")
    String status;

    @Option(names = "--threads", description = "with --status: also print every rank's threads")
    boolean threads;

    @Parameters(arity = "0..*", paramLabel = "COMMAND", description = "the program each rank runs, with its arguments")
    List<String> command;

    private final List<Process> ranks = new ArrayList<>();
    /** Set once jmpirun is stopped from outside: its shutdown hook stops the ranks. */
    private volatile boolean stopping;
    private final List<Thread> pumps = new ArrayList<>();
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new Launcher()).setStopAtPositional(true);
        System.exit(cl.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (status != null) {
            return StatusCommand.run(status, port, threads, out, err);
        }
        if (command == null || command.isEmpty()) {
            throw new CommandLine.ParameterException(new CommandLine(this), "Missing required parameter: 'COMMAND'");
        }
        if (np < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "-np must be at least 1, not " + np);
        }
        // with JMPI_ADDR the coordinator runs elsewhere (jmpi-server), and with MQTT the port is the broker's:
        // keep the port given, and any token given
        String external = System.getenv("JMPI_ADDR");
        String envPort = System.getenv("JMPI_PORT");
        boolean keepPort = external != null && !external.isBlank()
                || "mqtt".equalsIgnoreCase(trim(System.getenv("JMPI_PROTO")));
        // a port given is used as given
        int p = port != null ? port : envPort != null && !envPort.isBlank() ? Integer.parseInt(envPort.trim())
                : keepPort ? jmpi.Config.DEFAULT_PORT : freePort();
        String token = System.getenv("JMPI_TOKEN");
        if (token == null || token.isEmpty()) {
            byte[] t = new byte[16];
            new SecureRandom().nextBytes(t);
            token = HexFormat.of().formatHex(t);
        }
        if (tls && keepPort) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--tls makes certificates that only"
                    + " this job's ranks trust: a coordinator or MQTT broker of its own (JMPI_ADDR, JMPI_PROTO=mqtt)"
                    + " cannot present them; set JMPI_SSL=1 and JMPI_SSL_KEY, JMPI_SSL_CERT, JMPI_SSL_CA instead");
        }
        // removed when the job ends, or at exit however jmpirun ends
        JobCertificates certs;
        try {
            certs = tls ? JobCertificates.make() : null;
        } catch (jmpi.MPIException e) {
            err.println("jmpirun: " + e.getMessage());
            return 1;
        }
        JobMarkers marks = JobMarkers.create();
        marks.keepToken(token);
        JobRegistry.register(p, marks.dir());
        // run when jmpirun is stopped (SIGTERM, Ctrl-C): the JVM then exits with 143 or 130 on its own
        Thread hook = new Thread(() -> {
            stopping = true;
            err.println("jmpirun: interrupted; stopping every rank of the job");
            stopAll(null);
            cleanUp(marks, certs);
        }, "jmpirun-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run(p, token, marks, certs);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
                cleanUp(marks, certs);
            } catch (IllegalStateException e) {
                // stopped from outside meanwhile: the hook cleans up
            }
        }
    }

    /** What the job leaves behind: shared-memory segments, the markers of its ranks, its certificates. */
    private void cleanUp(JobMarkers marks, JobCertificates certs) {
        removeSegments();
        try {
            java.nio.file.Files.deleteIfExists(JobRegistry.dir().resolve(ProcessHandle.current().pid() + ".job"));
        } catch (IOException e) {
            // a stale entry: --status passes by the jobs whose jmpirun is gone
        }
        marks.delete();
        if (certs != null) {
            certs.close();
        }
    }

    private Integer run(int p, String token, JobMarkers marks, JobCertificates certs) throws Exception {
        BlockingQueue<Integer> exited = new LinkedBlockingQueue<>();
        List<String> rankCommand = JvmFlags.forCommand(command);
        for (int r = 0; r < np; r++) {
            ProcessBuilder pb = new ProcessBuilder(rankCommand);
            Map<String, String> env = pb.environment();
            env.put("JMPI_RANK", Integer.toString(r));
            env.put("JMPI_SIZE", Integer.toString(np));
            env.put("JMPI_PORT", Integer.toString(p));
            env.put("JMPI_TOKEN", token);
            marks.export(env);
            if (certs != null) {
                env.putAll(certs.environment());
            }
            if (statusPort != null) {
                env.put("JMPI_STATUS_PORT", Integer.toString(statusPort));
            }
            pb.redirectInput(ProcessBuilder.Redirect.INHERIT);
            Process proc;
            try {
                proc = pb.start();
            } catch (IOException e) {
                err.println("jmpirun: cannot start " + command.get(0) + ": " + e.getMessage());
                stopAll(null);
                return 127;
            }
            synchronized (ranks) {
                ranks.add(proc);
            }
            // copied line by line, so that lines of different ranks never mix
            String tag = prefix ? "[" + r + "] " : "";
            pumps.add(pump(proc.getInputStream(), out, tag));
            pumps.add(pump(proc.getErrorStream(), err, tag));
            int rank = r;
            proc.onExit().thenRun(() -> exited.add(rank));
        }
        int code = 0;
        for (int done = 0; done < np; done++) {
            int r = exited.take();
            if (stopping) {
                // jmpirun itself is being stopped, and says so once: the ranks' codes are its doing
                return 1;
            }
            int c = ranks.get(r).exitValue();
            if (code != 0) {
                continue;
            }
            if (tolerateFailures && r != 0 && (c != 0 || marks.leftWithoutFinalizing(r))) {
                err.println("jmpirun: rank " + r + " failed (exit code " + c + (c == 0 ? ", without MPI.Finalize" : "")
                        + "); the job goes on without it (--tolerate-failures)");
            } else if (c != 0) {
                code = c;
                err.println("jmpirun: rank " + r + " exited with code " + c + "; stopping the job");
                stopAll(ranks.get(r));
            } else if (marks.leftWithoutFinalizing(r)) {
                // System.exit(0) or Runtime.halt(0) before Finalize: its peers count it as failed, and so does the job
                code = 1;
                err.println("jmpirun: rank " + r + " exited with code 0 without finalizing (MPI.Finalize); stopping"
                        + " the job");
                stopAll(ranks.get(r));
            }
        }
        for (Thread pump : pumps) {
            pump.join(TimeUnit.SECONDS.toMillis(grace));
        }
        out.flush();
        return code;
    }

    /** A rank that was killed, or whose coordinator was, leaves its shared memory behind. */
    private void removeSegments() {
        synchronized (ranks) {
            ranks.forEach(rp -> Segment.removeOf(rp.pid()));
        }
    }

    private void stopAll(Process except) {
        List<Process> all;
        synchronized (ranks) {
            all = new ArrayList<>(ranks);
        }
        for (Process p : all) {
            if (p != except && p.isAlive()) {
                // through the handle: Process.destroy() would also close the pipes, losing what the rank
                // prints while it stops
                p.descendants().forEach(ProcessHandle::destroy);
                p.toHandle().destroy();
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(grace);
        for (Process p : all) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !p.waitFor(left, TimeUnit.NANOSECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.toHandle().destroyForcibly();
                    // a killed rank is gone once it is reaped: wait for that, so that when jmpirun has
                    // exited no rank of its job is left
                    p.waitFor(KILL_WAIT_SECONDS, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.toHandle().destroyForcibly();
            }
        }
    }

    /** Copies a rank's output line by line with its prefix; a daemon thread per stream. */
    private Thread pump(InputStream in, PrintStream to, String tag) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    // once jmpirun itself is stopped, what the ranks print as they go (a peer's failure
                    // seen first, a stack trace) is its doing, not theirs: its one line says it all
                    if (stopping) {
                        continue;
                    }
                    synchronized (to) {
                        to.println(tag + line);
                    }
                }
            } catch (IOException e) {
                // the rank is gone; nothing more to copy
            }
        }, "jmpirun-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
