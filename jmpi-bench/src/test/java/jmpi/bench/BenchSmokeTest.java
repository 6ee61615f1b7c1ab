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

/** Iops, Latency and PersistentAllreduce with tiny sizes under jmpirun, so that the benchmarks keep working. No timing is asserted. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BenchSmokeTest {

    /** The benchmarks and what they run on: this test JVM's module path without the test classes. */
    private static List<String> command(String main, String... args) {
        List<String> keep = new ArrayList<>();
        for (String e : System.getProperty("jdk.module.path").split(File.pathSeparator)) {
            if (!e.endsWith("test-classes")) {
                keep.add(e);
            }
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of("..", "bin", "jmpirun").toString(), "-np", "2",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-p", String.join(File.pathSeparator, keep), "-m", "jmpi.bench/jmpi.bench." + main));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String k : List.of("JMPI_ADDR", "JMPI_PORT", "JMPI_PROTO", "JMPI_TOKEN")) {
            pb.environment().remove(k);
        }
        Process p = pb.start();
        // read on a thread of its own: a pipe read cannot be interrupted, so the test waits for the process
        // with a deadline, never for its output
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try {
                p.getInputStream().transferTo(printed);
            } catch (IOException e) {
                // the process is gone
            }
        }, "bench-output");
        reader.setDaemon(true);
        reader.start();
        try {
            boolean exited = p.waitFor(1, TimeUnit.MINUTES);
            reader.join(TimeUnit.SECONDS.toMillis(10));
            // a ByteArrayOutputStream's methods are synchronized: the reader may still be writing
            String out = printed.toString(StandardCharsets.UTF_8);
            assertTrue(exited, "still running after a minute; it printed:\n" + out);
            assertEquals(0, p.exitValue(), out);
            return out;
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Test
    void iopsRunsBothModesAndBothApis() throws Exception {
        for (String mode : List.of("sync", "async")) {
            for (String api : List.of("buffer", "object")) {
                String out = run(command("Iops", mode, "--step-size", "0", "--max-size", "10", "--reps", "5",
                        "--api", api));
                assertTrue(out.contains("Operations: 5.0 @"), out);
                assertTrue(out.contains("{\"bench\":\"iops\""), out);
                // every rank sampled its proportional set size at least once
                Matcher pss = Pattern.compile("\"peak_pss_bytes\":([0-9.eE+]+)").matcher(out);
                assertTrue(pss.find(), out);
                assertTrue(Double.parseDouble(pss.group(1)) > 0, out);
            }
        }
    }

    @Test
    void latencyRunsEveryOperation() throws Exception {
        String out = run(command("Latency", "--warmup", "5", "--iters", "20", "--large-warmup", "1",
                "--large-iters", "2", "--large-size", "65536"));
        for (String op : List.of("barrier", "allreduce (object)", "Allreduce (int[1])", "ping-pong 8 B")) {
            assertTrue(out.contains(op), out);
        }
        assertTrue(out.contains("{\"bench\":\"latency\""), out);
    }

    @Test
    void persistentAllreduceRunsEverySize() throws Exception {
        String out = run(command("PersistentAllreduce", "--sizes", "1,4", "--warmup", "5", "--iters", "20",
                "--rounds", "2"));
        assertEquals(2, out.lines().filter(l -> l.startsWith("{\"bench\":\"persistent_allreduce\"")).count(), out);
    }
}
