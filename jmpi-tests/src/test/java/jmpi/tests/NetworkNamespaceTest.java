package jmpi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * jmpi-server on a real interface of another host: the coordinator runs in one network namespace,
 * listening on the address it was given, and the ranks, in a second namespace, reach it over a veth
 * link through JMPI_ADDR. Loopback cannot help here: each namespace has its own.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class NetworkNamespaceTest {

    @Test
    void serverInOneNamespaceServesRanksInAnother() throws Exception {
        try (NetworkNamespaces net = NetworkNamespaces.create()) {
            // port 0: the namespace is new, and the server says which port it got
            ProcessBuilder spb = new ProcessBuilder(NetworkNamespaces.in(net.server(), List.of(
                    Jobs.root().resolve("bin/jmpi-server").toString(), "--host", NetworkNamespaces.SERVER_ADDR,
                    "--port", "0")));
            Jobs.cleanEnvironment(spb.environment()).put("JAVA", Jobs.java());
            try (Running server = Running.start(spb)) {
                String line = server.await(l -> l.contains("listening on"), Duration.ofMinutes(1)).text();
                Matcher m = Pattern.compile("listening on " + Pattern.quote(NetworkNamespaces.SERVER_ADDR) + ":(\\d+)")
                        .matcher(line);
                assertTrue(m.find(), line);
                String port = m.group(1);

                // bound to that address alone: not the wildcard address, not loopback (a dual-stack
                // socket shows it IPv4-mapped, [::ffff:10.231.0.1]:port)
                String listening = NetworkNamespaces.run(NetworkNamespaces.in(net.server(), List.of("ss", "-Hltn")));
                List<String> sockets = listening.lines()
                        .map(l -> l.trim().split("\\s+")[3].replaceFirst("^\\[::ffff:(.*)]", "$1")).toList();
                assertEquals(List.of(NetworkNamespaces.SERVER_ADDR + ":" + port), sockets, listening);

                ProcessBuilder job = Jobs.jmpirun(2, Jobs.rankCommand("jmpi.tests.programs.NoFinalize"));
                job.command(NetworkNamespaces.in(net.ranks(), job.command()));
                job.environment().put("JMPI_ADDR", NetworkNamespaces.SERVER_ADDR);
                job.environment().put("JMPI_PORT", port);
                Jobs.Result r = Jobs.run(job, Duration.ofMinutes(1));
                assertEquals(0, r.exitCode(), r.out());
                assertTrue(r.out().contains("rank 0 sum 1"), r.out());
                assertTrue(r.out().contains("rank 1 sum 1"), r.out());
                assertTrue(server.process().isAlive(), "the server outlives its job:\n" + server.text());
            }
        }
    }
}
