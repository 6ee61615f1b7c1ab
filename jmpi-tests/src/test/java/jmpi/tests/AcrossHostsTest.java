package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jmpi.tests.programs.AcrossHosts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One job across hosts: jmpi-server alone on host 0 of a {@link VirtualLan}, ranks 0 and 1 on host 1,
 * ranks 2 and 3 on host 2, each rank a process started as mpirun would on a host of its own (rank, size,
 * coordinator and token in its environment). The ranks exchange megabytes between the hosts and run
 * the collectives ({@link AcrossHosts} checks every result). On the direct data plane the ranks'
 * sockets show links from host to host on the addresses the coordinator handed out, and the
 * coordinator's host receives almost nothing of what crossed; on the coordinator's path every byte
 * passes through that host, and no rank has a link of its own.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class AcrossHostsTest {
    private static final int PER_HOST = 2;
    private static final int RANKS = 2 * PER_HOST;
    /** Bytes of point-to-point payload each rank host sends to the other: each rank's buffer to each remote rank. */
    private static final long CROSSING = (long) PER_HOST * PER_HOST * AcrossHosts.BYTES;
    private static final Duration STEP = Duration.ofMinutes(2);

    /** What a job left: the coordinator's port, what the ranks printed, and the hosts' sockets while they ran. */
    private record Run(String port, List<String> printed, List<String> listening, List<String> connected) {
    }

    @Test
    void onTheDirectPlaneRanksLinkHostToHostAndTheCoordinatorSeesNoPayload() throws Exception {
        try (VirtualLan lan = VirtualLan.create(3)) {
            Run run = job(lan, "direct");
            report("direct", lan, run);
            for (int h = 1; h <= 2; h++) {
                // each rank listens for its peers on every address of its host, its own port
                assertEquals(PER_HOST, run.listening().get(h).lines().count(), run.listening().get(h));
            }
            // host 1's links to host 2's listeners, at the addresses the coordinator gave for them, and back
            assertTrue(linked(run, 1, 2) > 0, "no link from host 1 to a rank on host 2:\n" + run.connected().get(1));
            assertTrue(linked(run, 2, 1) > 0, "no link from host 2 to a rank on host 1:\n" + run.connected().get(2));
            for (int h = 1; h <= 2; h++) {
                for (String peer : peers(run.connected().get(h))) {
                    assertTrue(peer.startsWith("10.232.0."), "a link off the LAN (loopback?): " + peer + "\n"
                            + run.connected().get(h));
                }
            }
            for (int r = 0; r < RANKS; r++) {
                // at least a buffer and an object to each of the two ranks on the other host
                assertTrue(sentOnLinks(run, r) >= 2 * PER_HOST, "rank " + r + ":\n" + run.printed().get(r));
            }
            assertTrue(lan.sent(1) >= CROSSING, "host 1 sent " + lan.sent(1) + " bytes");
            assertTrue(lan.sent(2) >= CROSSING, "host 2 sent " + lan.sent(2) + " bytes");
            // the calls to the coordinator are a few KiB; a quarter of one host's payload would be a leak
            assertTrue(lan.received(0) < CROSSING / 4, "the coordinator's host received " + lan.received(0)
                    + " bytes of the " + 2 * CROSSING + " that crossed between the ranks' hosts");
        }
    }

    @Test
    void onTheCoordinatorPathEveryPayloadCrossesTheCoordinatorsHost() throws Exception {
        try (VirtualLan lan = VirtualLan.create(3)) {
            Run run = job(lan, "coordinator");
            report("coordinator", lan, run);
            for (int h = 1; h <= 2; h++) {
                assertEquals("", run.listening().get(h), "host " + h + " has listeners");
                Set<String> peers = peers(run.connected().get(h));
                assertEquals(Set.of(VirtualLan.address(0) + ":" + run.port()), peers, run.connected().get(h));
            }
            for (int r = 0; r < RANKS; r++) {
                assertEquals(0, sentOnLinks(run, r), "rank " + r + ":\n" + run.printed().get(r));
            }
            // each host's payload went to the coordinator, and from it to the other host
            assertTrue(lan.received(0) >= 2 * CROSSING, "the coordinator's host received " + lan.received(0)
                    + " bytes");
            assertTrue(lan.sent(0) >= 2 * CROSSING, "the coordinator's host sent " + lan.sent(0) + " bytes");
        }
    }

    /**
     * Runs the job with JMPI_DATA=data: the server on host 0, the ranks on hosts 1 and 2. Looks at the
     * rank hosts' sockets while every rank, its checks passed, waits for its input to end; then lets
     * them finalize and requires each to exit 0.
     */
    private static Run job(VirtualLan lan, String data) throws Exception {
        ProcessBuilder spb = new ProcessBuilder(lan.on(0, List.of(Jobs.root().resolve("bin/jmpi-server").toString(),
                "--host", VirtualLan.address(0), "--port", "0")));
        Jobs.cleanEnvironment(spb.environment()).put("JAVA", Jobs.java());
        try (Running server = Running.start(spb)) {
            String line = server.await(l -> l.contains("listening on"), STEP).text();
            Matcher m = Pattern.compile("listening on " + Pattern.quote(VirtualLan.address(0)) + ":(\\d+)")
                    .matcher(line);
            assertTrue(m.find(), line);
            String port = m.group(1);
            byte[] t = new byte[16];
            new SecureRandom().nextBytes(t);
            String token = HexFormat.of().formatHex(t);
            List<Running> ranks = new ArrayList<>();
            try {
                for (int r = 0; r < RANKS; r++) {
                    ProcessBuilder pb = new ProcessBuilder(lan.on(1 + r / PER_HOST, Jobs.rankCommand(
                            List.of("-Djmpi.jmx=true"), AcrossHosts.class.getName(), Integer.toString(PER_HOST))));
                    var env = Jobs.cleanEnvironment(pb.environment());
                    env.put("JMPI_RANK", Integer.toString(r));
                    env.put("JMPI_SIZE", Integer.toString(RANKS));
                    env.put("JMPI_ADDR", VirtualLan.address(0));
                    env.put("JMPI_PORT", port);
                    env.put("JMPI_TOKEN", token);
                    env.put("JMPI_DATA", data);
                    ranks.add(Running.start(pb));
                }
                for (int r = 0; r < RANKS; r++) {
                    int rank = r;
                    ranks.get(r).await(l -> l.startsWith("rank " + rank + " checked"), STEP);
                }
                List<String> listening = new ArrayList<>();
                List<String> connected = new ArrayList<>();
                for (int h = 0; h < 3; h++) {
                    listening.add(lan.sockets(h, "-Hltn"));
                    connected.add(lan.sockets(h, "-Htn", "state", "established"));
                }
                List<String> printed = new ArrayList<>();
                for (Running rank : ranks) {
                    // the end of its input lets the rank finalize
                    rank.process().getOutputStream().close();
                }
                for (int r = 0; r < RANKS; r++) {
                    Jobs.Result res = ranks.get(r).waitFor(STEP);
                    assertEquals(0, res.exitCode(), res.out());
                    assertTrue(res.out().contains("rank " + r + " finalized"), res.out());
                    printed.add(res.out());
                }
                return new Run(port, printed, listening, connected);
            } finally {
                ranks.forEach(Running::close);
            }
        }
    }

    /** What the run measured, for whoever reads the test's output. */
    private static void report(String data, VirtualLan lan, Run run) throws Exception {
        List<Long> sent = new ArrayList<>();
        for (int r = 0; r < RANKS; r++) {
            sent.add(sentOnLinks(run, r));
        }
        System.out.println("JMPI_DATA=" + data + ": hosts 1 and 2 sent " + lan.sent(1) + " and " + lan.sent(2)
                + " bytes, the coordinator's host received " + lan.received(0) + " and sent " + lan.sent(0)
                + "; messages on links by rank " + sent + "; host 1's established sockets:\n" + run.connected().get(1));
    }

    /** How many of host from's links end at a rank listening on host to. */
    private static long linked(Run run, int from, int to) {
        Set<String> listeners = new TreeSet<>();
        // ss -H -l prints its state column: LISTEN, queues, local address, peer
        for (String l : run.listening().get(to).lines().toList()) {
            listeners.add(VirtualLan.address(to) + ":" + port(column(l, 3)));
        }
        return run.connected().get(from).lines().map(l -> plain(column(l, 3))).filter(listeners::contains).count();
    }

    /** The peers of established sockets, as {@code address:port}; ss -H with a state filter prints no state column. */
    private static Set<String> peers(String established) {
        Set<String> peers = new TreeSet<>();
        established.lines().forEach(l -> peers.add(plain(column(l, 3))));
        return peers;
    }

    private static String column(String line, int i) {
        return line.trim().split("\\s+")[i];
    }

    /** An address as ss prints it, without the IPv4-mapped form of a dual-stack socket ([::ffff:a.b.c.d]:p). */
    private static String plain(String ssAddress) {
        return ssAddress.replaceFirst("^\\[::ffff:(.*)]", "$1");
    }

    private static String port(String ssAddress) {
        return ssAddress.substring(ssAddress.lastIndexOf(':') + 1);
    }

    private static long sentOnLinks(Run run, int rank) {
        Matcher m = Pattern.compile("rank " + rank + " checked, sent (\\d+) messages on links")
                .matcher(run.printed().get(rank));
        assertTrue(m.find(), run.printed().get(rank));
        return Long.parseLong(m.group(1));
    }
}
