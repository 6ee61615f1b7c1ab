package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Messages over 2 GiB under jmpirun, two ranks, each with a heap of three times the message: a
 * 2.4 GB long[] sent and broadcast on the direct data plane, and refused on every rank, with an error
 * that names JMPI_DATA, through the coordinator, which would have to hold it whole; an object of 2.2 GB
 * serialized sent and received, then broadcast. One job per case;
 * each prints its wall time and the ranks' heap figures.
 */
class HugeMessageTest {
    static final long BYTES = 2_400_000_000L;
    /** Two long[] of 1.1 GB each in one object. */
    static final long OBJECT_BYTES = 2_200_000_000L;
    /** A rank's heap: three times the message, in MiB. */
    static List<String> heapOf(long messageBytes) {
        return List.of("-Xmx" + 3 * messageBytes / (1 << 20) + "m");
    }

    @Test
    void aLongArrayOver2GiBIsSentAndReceived() throws Exception {
        String out = run("send", "direct");
        assertTrue(out.contains("rank 0: received countLong " + BYTES / 8 + ", count " + BYTES / 8), out);
        assertDone("send", out);
    }

    @Test
    void aLongArrayOver2GiBIsBroadcast() throws Exception {
        assertDone("bcast", run("bcast", "direct"));
    }

    @Test
    void anObjectOver2GiBSerializedIsSentAndReceivedAndBroadcast() throws Exception {
        ProcessBuilder pb = Jobs.jmpirun(2, Jobs.rankCommand(heapOf(OBJECT_BYTES), "jmpi.tests.programs.HugeMessages", "object",
                Long.toString(OBJECT_BYTES)));
        pb.environment().merge("JMPI_SERIAL", "jmpi.tests.programs.HugeMessages$Halves", (a, b) -> a + "," + b);
        String out = run(pb, "object", "direct");
        for (int rank = 0; rank < 2; rank++) {
            assertTrue(out.contains("rank " + rank + ": object bcast done"), out);
        }
        assertDone("object", out, OBJECT_BYTES);
    }

    @Test
    void theCoordinatorPathRefusesOver2GiBOnEveryRankAndNamesJmpiData() throws Exception {
        String out = run("refused", "coordinator");
        for (int rank = 0; rank < 2; rank++) {
            for (String what : List.of("send", "bcast")) {
                assertTrue(out.matches("(?s).*rank " + rank + ": " + what + " refused \\(error class 2\\): a message of "
                        + BYTES + " bytes is larger than the coordinator relays \\(\\d+ bytes\\); with JMPI_DATA=direct"
                        + ".*"), out);
            }
        }
        assertDone("refused", out);
    }

    static String run(String what, String data) throws Exception {
        return run(Jobs.jmpirun(2, Jobs.rankCommand(heapOf(BYTES), "jmpi.tests.programs.HugeMessages", what,
                Long.toString(BYTES))), what, data);
    }

    /** Runs the job with room for the message and the data path given; prints its output and wall time. */
    static String run(ProcessBuilder pb, String what, String data) throws Exception {
        pb.environment().put("JMPI_SERIAL_SIZE", "3G");
        pb.environment().put("JMPI_DATA", data);
        long start = System.nanoTime();
        Jobs.Result r = Jobs.run(pb, Duration.ofMinutes(4));
        System.out.printf("%s over %s: job of %.1f s%n%s%n", what, data, (System.nanoTime() - start) / 1e9, r.out());
        assertEquals(0, r.exitCode(), r.out());
        return r.out();
    }

    /** Both ranks got to the end: a receiver that found an element out of place would have failed the job. */
    static void assertDone(String what, String out) {
        assertDone(what, out, BYTES);
    }

    static void assertDone(String what, String out, long bytes) {
        for (int rank = 0; rank < 2; rank++) {
            assertTrue(out.contains("rank " + rank + ": " + what + " of " + bytes + " bytes done"), out);
        }
    }
}
