package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jmpi.Config;
import jmpi.Coordinator;
import jmpi.Request;
import jmpi.Session;
import org.junit.jupiter.api.Test;

/**
 * Ranks on the coordinator's host exchange large payloads through shared memory (JMPI_SHM): every
 * byte arrives, a segment too small for what is in flight falls back to the socket and wraps, ranks
 * without shared memory mix with ranks that have it, and no segment file outlives its job, also
 * when a rank is killed.
 */
class SharedMemoryJobTest {
    private static final Pattern PID = Pattern.compile("rank (\\d+): pid (\\d+), segment (\\w+)");

    private static Jobs.Result run(int np, String shm, String... args) throws Exception {
        return run(Jobs.jmpirun(np, Jobs.rankCommand("jmpi.tests.programs.SharedPayloads", args)), shm);
    }

    private static Jobs.Result run(ProcessBuilder pb, String shm) throws Exception {
        if (shm != null) {
            pb.environment().put("JMPI_SHM", shm);
        }
        return Jobs.run(pb, Duration.ofMinutes(3));
    }

    /** The process id of each rank, checking that each offered a segment (or did not). */
    private static List<Long> pids(Jobs.Result r, int np, String segment) {
        return pids(r, np, segment, -1);
    }

    /** As above, where rank {@code other} did the opposite. */
    private static List<Long> pids(Jobs.Result r, int np, String segment, int other) {
        List<Long> pids = new ArrayList<>();
        Matcher m = PID.matcher(r.out());
        while (m.find()) {
            boolean flipped = Integer.parseInt(m.group(1)) == other;
            assertEquals(flipped == segment.equals("offered") ? "absent" : "offered", m.group(3), r.out());
            pids.add(Long.parseLong(m.group(2)));
        }
        assertEquals(np, pids.size(), r.out());
        return pids;
    }

    private static void noSegmentsLeft(List<Long> pids) throws IOException {
        try (var files = Files.list(Path.of("/dev/shm"))) {
            List<String> left = files.map(f -> f.getFileName().toString())
                    .filter(f -> pids.stream().anyMatch(p -> f.startsWith("jmpi-" + p + "-"))).toList();
            assertEquals(List.of(), left, "segments outlived their job");
        }
    }

    private static void intact(Jobs.Result r, int np, int rounds) {
        assertEquals(0, r.exitCode(), r.out());
        for (int rank = 0; rank < np; rank++) {
            assertTrue(r.out().contains("rank " + rank + ": " + rounds + " rounds intact"), r.out());
        }
    }

    @Test
    void everyPayloadArrivesThroughSharedMemory() throws Exception {
        Jobs.Result r = run(4, null, "24");
        intact(r, 4, 24);
        noSegmentsLeft(pids(r, 4, "offered"));
    }

    /** 1 MiB holds less than one round: blocks are freed out of order, the ring wraps, the socket takes the rest. */
    @Test
    void aSegmentTooSmallForWhatIsInFlightFallsBackToTheSocket() throws Exception {
        Jobs.Result r = run(3, "1M", "30");
        intact(r, 3, 30);
        noSegmentsLeft(pids(r, 3, "offered"));
    }

    @Test
    void withoutSharedMemoryTheSameJobPasses() throws Exception {
        Jobs.Result r = run(3, "0", "12");
        intact(r, 3, 12);
        pids(r, 3, "absent");
    }

    /** Rank 1 sends every byte through the socket; what it sends and receives crosses to and from shared memory. */
    @Test
    void ranksWithAndWithoutSharedMemoryMix() throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", "-c",
                "if [ \"$JMPI_RANK\" = 1 ]; then export JMPI_SHM=0; fi; exec \"$@\"", "sh"));
        command.addAll(Jobs.rankCommand("jmpi.tests.programs.SharedPayloads", "12"));
        Jobs.Result r = run(Jobs.jmpirun(3, command), null);
        intact(r, 3, 12);
        noSegmentsLeft(pids(r, 3, "offered", 1));
    }

    /** In one JVM: the status page tells which rank shares memory and how many bytes it sent through it. */
    @Test
    void theStatusPageShowsWhatWentThroughSharedMemory() throws Exception {
        int statusPort = Jobs.freePort();
        // messages through the coordinator, whose shared memory the status page counts
        Config base = Config.builder().port(0).token("t").statusPort(statusPort).data(Config.DATA_COORDINATOR).build();
        try (Coordinator c = Coordinator.start(base)) {
            Config rank = base.toBuilder().statusPort(0).addr("127.0.0.1").port(c.address().getPort()).size(2).build();
            Session r0 = Session.connect(rank.toBuilder().rank(0).build());
            Session r1 = Session.connect(rank.toBuilder().rank(1).shm(0).build());
            byte[] big = new byte[1 << 20];
            java.util.Arrays.fill(big, (byte) 7);
            Request<Void> s = r0.world().Isend(big, 1, 3);
            byte[] got = new byte[1 << 20];
            r1.world().Recv(got, 0, 3);
            s.waitFor();
            assertTrue(java.util.Arrays.equals(big, got));
            r1.world().Send(got, 0, 4);
            r0.world().Recv(big, 1, 4);
            String json = status(statusPort);
            assertTrue(json.contains("{\"rank\":0,") && json.contains("\"sharedMemory\":true,\"sharedBytes\":1048576"), json);
            assertTrue(json.contains("\"sharedMemory\":false,\"sharedBytes\":0"), json);
            Thread closer = new Thread(r1::close);
            closer.start();
            r0.close();
            closer.join(30_000);
        }
    }

    private static String status(int port) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/status.json").toURL()
                .openConnection();
        c.setConnectTimeout(10_000);
        c.setReadTimeout(10_000);
        try (var in = c.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            c.disconnect();
        }
    }

    @Test
    void aKilledRankLeavesNoSegmentBehind() throws Exception {
        Jobs.Result r = run(3, null, "20", "2", "5");
        assertNotEquals(0, r.exitCode(), r.out());
        assertTrue(r.out().contains("rank 2: halting"), r.out());
        noSegmentsLeft(pids(r, 3, "offered"));
    }
}
