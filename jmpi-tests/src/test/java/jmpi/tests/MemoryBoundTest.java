package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 500 non-blocking sends of 2 MiB (1000 MiB in all) from a rank whose heap is 256 MiB and whose direct
 * memory is 64 MiB: back-pressure (JMPI_SERIAL_QUEUE) must make Isend wait instead of queueing, so the
 * sender never holds more than about the queue, and every byte arrives intact.
 *
 * <p>The coordinator runs in a JVM of its own (jmpi-server), so that each rank's figures are its own.
 * It gets a large heap: it keeps every message whose receive is not posted yet, and the receiver here is
 * slower than the sender; the test prints how much it kept.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class MemoryBoundTest {
    private static final int COUNT = 500;
    private static final int SIZE = 2 << 20;
    private static final int QUEUE = 16 << 20;
    private static final int HEAP_MIB = 256;
    private static final List<String> RANK_JVM = List.of("-Xmx" + HEAP_MIB + "m", "-XX:MaxDirectMemorySize=64m");
    private static final Pattern FIGURES = Pattern.compile(
            "rank (\\d): .*heap max (\\d+) MiB, live after GC max (\\d+) MiB");

    @Test
    void manyOutstandingSendsStayWithinASmallHeap(@TempDir Path dir) throws Exception {
        int port = Jobs.freePort();
        Path gcLog = dir.resolve("coordinator-gc.log");
        ProcessBuilder spb = new ProcessBuilder(Jobs.root().resolve("bin/jmpi-server").toString(), "--port",
                Integer.toString(port));
        Jobs.cleanEnvironment(spb.environment()).put("JAVA", Jobs.java());
        spb.environment().put("JDK_JAVA_OPTIONS", "-Xmx2g -Xlog:gc:file=" + gcLog);
        try (Running server = Running.start(spb)) {
            server.await(l -> l.contains("listening on"), Duration.ofMinutes(1));
            ProcessBuilder pb = Jobs.jmpirun(2, Jobs.rankCommand(RANK_JVM, "jmpi.tests.programs.ManyOutstanding",
                    Integer.toString(COUNT), Integer.toString(SIZE)));
            pb.environment().put("JMPI_ADDR", "127.0.0.1");
            pb.environment().put("JMPI_PORT", Integer.toString(port));
            pb.environment().put("JMPI_SERIAL_QUEUE", Integer.toString(QUEUE));
            Jobs.Result r = Jobs.run(pb, Duration.ofMinutes(2));
            System.out.println(r.out() + "coordinator (jmpi-server): live heap after GC max " + maxAfterGc(gcLog)
                    + " MiB");

            assertEquals(0, r.exitCode(), r.out());
            assertFalse(r.out().contains("OutOfMemoryError"), r.out());
            assertTrue(r.out().contains("rank 0: received " + COUNT + " of " + COUNT + " messages intact"), r.out());
            Matcher sent = Pattern.compile("rank 1: sent " + COUNT + " messages of " + SIZE
                    + " bytes, at most (\\d+) in flight").matcher(r.out());
            assertTrue(sent.find(), r.out());
            // what the queue holds, the message being written and the one waiting to enter the queue
            assertTrue(Integer.parseInt(sent.group(1)) <= QUEUE / SIZE + 3, sent.group());
            Matcher m = FIGURES.matcher(r.out());
            int ranks = 0;
            while (m.find()) {
                ranks++;
                assertTrue(Integer.parseInt(m.group(2)) <= HEAP_MIB, m.group());
                // what stays live is a small part of the heap: the queue is not in it
                assertTrue(Integer.parseInt(m.group(3)) <= HEAP_MIB / 2, m.group());
            }
            assertEquals(2, ranks, r.out());
        }
    }

    /** The largest heap a collection left behind, from a -Xlog:gc log ("... 700M->690M(1541M) ..."). */
    private static long maxAfterGc(Path log) throws Exception {
        Matcher m = Pattern.compile("\\d+M->(\\d+)M").matcher(Files.readString(log, StandardCharsets.UTF_8));
        long max = 0;
        while (m.find()) {
            max = Math.max(max, Long.parseLong(m.group(1)));
        }
        return max;
    }
}
