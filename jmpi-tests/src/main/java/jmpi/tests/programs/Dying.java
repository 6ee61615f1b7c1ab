package jmpi.tests.programs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ways a rank of a test program leaves the job on purpose, as real failures do: {@code halt}
 * ({@code Runtime.halt(137)}, as if killed), {@code kill} (a real SIGKILL from {@code kill -9}),
 * {@code exit} ({@code System.exit(0)} before Finalize), {@code throw} (an exception out of main) and
 * {@code drop} (its TCP connections reset under it by the kernel, {@code ss -K}, while it goes on).
 */
public enum Dying {
    HALT, KILL, EXIT, THROW, DROP;

    /** The exit code of a rank that halts on purpose, as if it had been killed. */
    static final int KILLED = 137;

    /** A line of {@code ss -tnpH state established} for a connection of this process: its two ports. */
    private static final Pattern SOCKET = Pattern.compile(
            "^\\s*\\d+\\s+\\d+\\s+\\S+:(\\d+)\\s+\\S+:(\\d+)\\s+.*pid=" + ProcessHandle.current().pid() + ",");

    /** Thrown out of main by a rank that dies by {@link #THROW}; the program must let it escape. */
    static final class Thrown extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Thrown(int step) {
            super("thrown out of main on purpose at step " + step);
        }
    }

    /** The way named {@code halt}, {@code kill}, {@code exit}, {@code throw} or {@code drop}. */
    static Dying named(String name) {
        for (Dying d : values()) {
            if (d.name().equalsIgnoreCase(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("halt, kill, exit, throw or drop, not " + name);
    }

    /** Leaves this way now; only {@link #DROP} returns, with the process's connections gone. */
    void now(int step) {
        switch (this) {
            case HALT -> Runtime.getRuntime().halt(KILLED);
            case KILL -> {
                run("kill", "-KILL", Long.toString(ProcessHandle.current().pid()));
                // the signal is on its way: nothing more of this process may run
                Runtime.getRuntime().halt(KILLED);
            }
            case EXIT -> System.exit(0);
            case THROW -> throw new Thrown(step);
            case DROP -> dropConnections();
            default -> throw new AssertionError(this);
        }
    }

    /** Resets every established TCP connection of this process, as a failed network path would. */
    private static void dropConnections() {
        List<String> mine = new ArrayList<>();
        for (String line : run("ss", "-tnpH", "state", "established").lines().toList()) {
            Matcher m = SOCKET.matcher(line);
            if (m.find()) {
                mine.add(m.group(1) + " " + m.group(2));
            }
        }
        if (mine.isEmpty()) {
            throw new IllegalStateException("no connection of this process to drop");
        }
        for (String s : mine) {
            String[] p = s.split(" ");
            // by ports alone: on loopback a pair of ports names one connection, whatever the address family
            run("ss", "-K", "sport", "=", ":" + p[0], "dport", "=", ":" + p[1]);
        }
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
