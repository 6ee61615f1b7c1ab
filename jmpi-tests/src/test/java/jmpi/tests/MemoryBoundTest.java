package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 500 non-blocking sends of 2 MiB (1000 MiB in all) from rank 1 to rank 0, which receives them more
 * slowly, with 256 MiB of heap and 128 MiB of direct memory per rank, the coordinator inside rank 0.
 * Back-pressure must hold the sender: each message is larger than JMPI_EAGER, so it is offered and
 * its bytes wait at the sender until the receive asks for them, and Isend waits once JMPI_SERIAL_QUEUE
 * bytes offered to rank 0 wait for their receives. Every byte arrives intact, the sender never has more than a quarter of its heap in flight, and
 * neither JVM keeps more than half its heap live.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class MemoryBoundTest {
    private static final int COUNT = 500;
    private static final int SIZE = 2 << 20;
    private static final int QUEUE = 16 << 20;
    private static final int HEAP_MIB = 256;
    private static final List<String> RANK_JVM = List.of("-Xmx" + HEAP_MIB + "m", "-XX:MaxDirectMemorySize=128m");
    private static final Pattern FIGURES = Pattern.compile("rank (\\d): .*live after GC max (\\d+) MiB");

    @Test
    void manyOutstandingSendsStayWithinASmallHeap() throws Exception {
        ProcessBuilder pb = Jobs.jmpirun(2, Jobs.rankCommand(RANK_JVM, "jmpi.tests.programs.ManyOutstanding",
                Integer.toString(COUNT), Integer.toString(SIZE)));
        pb.environment().put("JMPI_SERIAL_QUEUE", Integer.toString(QUEUE));
        Jobs.Result r = Jobs.run(pb, Duration.ofMinutes(2));
        System.out.println(r.out());

        assertEquals(0, r.exitCode(), r.out());
        assertFalse(r.out().contains("OutOfMemoryError"), r.out());
        assertTrue(r.out().contains("rank 0: received " + COUNT + " of " + COUNT + " messages intact"), r.out());
        Matcher sent = Pattern.compile("rank 1: sent " + COUNT + " messages of " + SIZE
                + " bytes, at most (\\d+) in flight").matcher(r.out());
        assertTrue(sent.find(), r.out());
        // the sender was held back: what it had in flight at once fits in a quarter of its heap, a small
        // part of the 1000 MiB it sent
        long inFlightMiB = (long) Integer.parseInt(sent.group(1)) * SIZE >> 20;
        assertTrue(inFlightMiB <= HEAP_MIB / 4, sent.group() + ": " + inFlightMiB + " MiB in flight");
        Matcher m = FIGURES.matcher(r.out());
        int ranks = 0;
        while (m.find()) {
            ranks++;
            // what stays live is a small part of the heap: neither the queue nor the mailbox grows into it
            assertTrue(Integer.parseInt(m.group(2)) <= HEAP_MIB / 2, m.group());
        }
        assertEquals(2, ranks, r.out());
    }
}
