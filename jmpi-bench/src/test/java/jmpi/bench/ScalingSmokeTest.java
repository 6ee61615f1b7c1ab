package jmpi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scaling with few iterations, in a JVM of its own as a user runs it: every case runs at every N, and
 * the busiest rank of each collective sends exactly what the algorithm the bench names promises. No
 * timing is asserted.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ScalingSmokeTest {

    /** Scaling with these arguments, on this test JVM's module path without the test classes. */
    private static ProcessBuilder scaling(String... args) {
        List<String> keep = new ArrayList<>();
        for (String e : System.getProperty("jdk.module.path").split(File.pathSeparator)) {
            if (!e.endsWith("test-classes")) {
                keep.add(e);
            }
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-p", String.join(File.pathSeparator, keep), "-m", "jmpi.bench/jmpi.bench.Scaling"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true);
    }

    private static String run(String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = scaling(args);
        for (String k : List.of("JMPI_ADDR", "JMPI_PORT", "JMPI_PROTO", "JMPI_TOKEN", "JMPI_DATA")) {
            pb.environment().remove(k);
        }
        Process p = pb.start();
        // read on a thread of its own: the test waits for the process with a deadline, never for its output
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try {
                p.getInputStream().transferTo(printed);
            } catch (IOException e) {
                // the process is gone
            }
        }, "scaling-output");
        reader.setDaemon(true);
        reader.start();
        try {
            boolean exited = p.waitFor(2, TimeUnit.MINUTES);
            reader.join(TimeUnit.SECONDS.toMillis(10));
            String out = printed.toString(StandardCharsets.UTF_8);
            assertTrue(exited, "still running after two minutes; it printed:\n" + out);
            assertEquals(0, p.exitValue(), out);
            return out;
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void everyCaseRunsAtEveryNAndKeepsItsAlgorithmsPromise() throws Exception {
        // 1 MiB: the large Allreduce goes round a ring at every N, the large Bcast from 3 ranks on
        ScalingCase.Sizes sizes = new ScalingCase.Sizes(8, 1 << 20, 8);
        String out = run("--ranks", "2,3,4", "--warmup", "2", "--iters", "10", "--large-warmup", "1",
                "--large-iters", "2", "--large-size", Integer.toString(sizes.large()));
        assertTrue(out.contains("{\"bench\":\"scaling\""), out);
        for (ScalingCase c : ScalingCase.values()) {
            for (int n : new int[] {2, 3, 4}) {
                int promised = c.promise(n, sizes).messages();
                Matcher m = Pattern.compile("(?m)^" + Pattern.quote(c.label()) + "\\s+" + n
                        + "\\s+\\d+\\s+[0-9.]+\\s+([0-9.]+)\\s+(\\d+)\\s").matcher(out);
                assertTrue(m.find(), c.label() + " at " + n + " ranks is missing:\n" + out);
                double busiest = Double.parseDouble(m.group(1));
                assertEquals(promised, Integer.parseInt(m.group(2)), out);
                // the algorithms send the same messages every time; another count means another algorithm ran
                // than the one the bench names, or one that does not keep its promise
                assertEquals(promised, busiest, 1e-9, c.label() + " at " + n + " ranks:\n" + out);
            }
        }
    }

    @Test
    void aNumberOfRanksBelowTwoIsRefused() throws Exception {
        // it prints one line and exits: its output fits the pipe, read once it has exited
        Process p = scaling("--ranks", "1").start();
        try {
            assertTrue(p.waitFor(1, TimeUnit.MINUTES));
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(2, p.exitValue(), out);
            assertTrue(out.contains("at least 2"), out);
        } finally {
            p.destroyForcibly();
        }
    }
}
