package jmpi.tests;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** Starts jmpirun from the repository, as a user does, and collects what it prints. */
final class Jobs {
    /** The variable that marks a started process and all it starts; see {@link #mark}. */
    private static final String MARK = "JMPI_TESTS_PROCESS_MARK";

    private Jobs() {
    }

    /** The repository's root directory. */
    static Path root() {
        String r = System.getProperty("jmpi.root");
        Path p = r != null ? Path.of(r) : Path.of("..").toAbsolutePath().normalize();
        return p;
    }

    /** The java executable running the tests, so ranks use the same JDK. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** This test JVM's module path: the suites, the API, the runtime and their dependencies. */
    static String modulePath() {
        String mp = System.getProperty("jdk.module.path");
        if (mp == null) {
            throw new IllegalStateException("tests must run on the module path");
        }
        // the test classes are patched into jmpi.tests here; ranks only need the main classes
        List<String> keep = new ArrayList<>();
        for (String e : mp.split(File.pathSeparator)) {
            if (!e.endsWith("test-classes")) {
                keep.add(e);
            }
        }
        return String.join(File.pathSeparator, keep);
    }

    /**
     * What a rank's JVM needs to print no warning on this JDK, as jmpirun adds them: native access for
     * Netty's module and, where the JDK knows the flag, Fory's reads through sun.misc.Unsafe.
     */
    static List<String> quietFlags() {
        List<String> flags = new ArrayList<>(List.of("--enable-native-access=io.netty.common"));
        if (Runtime.version().feature() >= 23) {
            flags.add("--sun-misc-unsafe-memory-access=allow");
        }
        return flags;
    }

    /** The command that runs a main class of the tests module as a rank. */
    static List<String> rankCommand(String mainClass, String... args) {
        return rankCommand(List.of(), mainClass, args);
    }

    /** The command that runs a main class of the tests module as a rank, with options for its JVM. */
    static List<String> rankCommand(List<String> jvmOptions, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(java()));
        cmd.addAll(quietFlags());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-p", modulePath(), "-m", "jmpi.tests/" + mainClass));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * A port free now, below Linux's range of ports handed out to sockets that bind port 0 (32768 and
     * up by default): a job's coordinator listens there only later, and mpirun's own daemons, which
     * bind port 0 meanwhile, could otherwise take it first and answer the ranks.
     */
    static int freePort() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (BindException e) {
                // taken: try another
            }
        }
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Removes every variable that could make a child a rank of some other job: jmpi's own, and the
     * rank, size and job id of mpirun, PMI and Slurm, in case the tests themselves run under one.
     */
    static Map<String, String> cleanEnvironment(Map<String, String> env) {
        env.keySet().removeIf(k -> k.startsWith("JMPI_") || k.startsWith("OMPI_") || k.startsWith("PMI_")
                || k.startsWith("PMIX_") || k.startsWith("SLURM_"));
        return env;
    }

    /** What a finished job printed and how it ended. */
    record Result(int exitCode, String out) {
    }

    static ProcessBuilder jmpirun(int np, List<String> command, String... options) {
        List<String> cmd = new ArrayList<>();
        cmd.add(root().resolve("bin/jmpirun").toString());
        cmd.add("-np");
        cmd.add(Integer.toString(np));
        cmd.addAll(List.of(options));
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root().toFile()).redirectErrorStream(true);
        cleanEnvironment(pb.environment());
        pb.environment().put("JAVA", java());
        pb.environment().put("JMPI_SERIAL", String.join(",", SuiteRunner.SERIAL));
        return pb;
    }

    /**
     * Runs a job to its end, or kills it and everything it started when time runs out. Then nothing it
     * started may still run: a rank left behind fails the test (and is killed).
     */
    static Result run(ProcessBuilder pb, Duration timeout) throws IOException, InterruptedException {
        String mark = mark(pb);
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(p.getInputStream(), out), "job-output");
        reader.setDaemon(true);
        reader.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill(p);
            marked(mark).forEach(ProcessHandle::destroyForcibly);
            reader.join(5000);
            throw new AssertionError("job still running after " + timeout + "; it printed:\n" + text(out));
        }
        reader.join(10000);
        assertNothingLeft(mark, text(out));
        return new Result(p.exitValue(), text(out));
    }

    static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    /**
     * Marks the process pb starts, and through the environment everything that process starts, so
     * that whatever outlives it can be found, even once it is no longer its descendant; returns the mark.
     */
    static String mark(ProcessBuilder pb) {
        return pb.environment().computeIfAbsent(MARK, k -> UUID.randomUUID().toString());
    }

    /** Processes still running that carry the mark (Linux: read from /proc/PID/environ). */
    static List<ProcessHandle> marked(String mark) {
        byte[] wanted = (MARK + "=" + mark).getBytes(StandardCharsets.UTF_8);
        return ProcessHandle.allProcesses().filter(h -> h.pid() != ProcessHandle.current().pid())
                .filter(h -> carries(h, wanted)).toList();
    }

    /** Fails, naming them, if processes with the mark still run; kills them first. */
    static void assertNothingLeft(String mark, String printed) {
        List<ProcessHandle> left = marked(mark);
        if (!left.isEmpty()) {
            left.forEach(ProcessHandle::destroyForcibly);
            throw new AssertionError("still running after the job ended: " + left.stream()
                    .map(h -> h.pid() + " " + h.info().commandLine().orElse("?")).toList() + "; it printed:\n" + printed);
        }
    }

    private static boolean carries(ProcessHandle h, byte[] wanted) {
        byte[] env;
        try {
            env = Files.readAllBytes(Path.of("/proc", Long.toString(h.pid()), "environ"));
        } catch (IOException | SecurityException e) {
            // gone, or not ours to read
            return false;
        }
        // entries end with a NUL byte
        for (int i = 0; i + wanted.length <= env.length; i = next(env, i)) {
            if (Arrays.equals(env, i, i + wanted.length, wanted, 0, wanted.length)
                    && (i + wanted.length == env.length || env[i + wanted.length] == 0)) {
                return true;
            }
        }
        return false;
    }

    private static int next(byte[] env, int i) {
        while (i < env.length && env[i] != 0) {
            i++;
        }
        return i + 1;
    }

    private static String text(ByteArrayOutputStream out) {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                synchronized (out) {
                    out.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
    }
}
