package jmpi.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two network namespaces joined by a veth pair, made with iproute2's {@code ip}, which needs root:
 * {@link #server()} holds {@link #SERVER_ADDR}, {@link #ranks()} holds {@link #RANKS_ADDR}. Names are
 * unique to this JVM, so that runs side by side never meet; closing deletes both namespaces, and with
 * them the veth pair.
 */
final class NetworkNamespaces implements AutoCloseable {
    /** The server's address, in its namespace only. */
    static final String SERVER_ADDR = "10.231.0.1";
    /** The ranks' address, in their namespace only. */
    static final String RANKS_ADDR = "10.231.0.2";

    private static final AtomicInteger COUNT = new AtomicInteger();

    private final String server;
    private final String ranks;
    private final List<String> created = new ArrayList<>();

    private NetworkNamespaces(String tag) {
        this.server = "jmpi-" + tag + "-srv";
        this.ranks = "jmpi-" + tag + "-rks";
    }

    /** Creates both namespaces and the link between them; deletes whatever it made if a step fails. */
    static NetworkNamespaces create() throws IOException, InterruptedException {
        NetworkNamespaces n = new NetworkNamespaces(newTag());
        try {
            n.setUp();
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            n.close();
            throw e;
        }
        return n;
    }

    private void setUp() throws IOException, InterruptedException {
        ip("netns", "add", server);
        created.add(server);
        ip("netns", "add", ranks);
        created.add(ranks);
        // interface names have at most 15 characters; they only need to be unique inside each namespace
        ip("link", "add", "jsrv0", "netns", server, "type", "veth", "peer", "name", "jrks0", "netns", ranks);
        ip("-n", server, "addr", "add", SERVER_ADDR + "/24", "dev", "jsrv0");
        ip("-n", ranks, "addr", "add", RANKS_ADDR + "/24", "dev", "jrks0");
        for (String[] nsDev : new String[][] {{server, "jsrv0"}, {ranks, "jrks0"}, {server, "lo"}, {ranks, "lo"}}) {
            ip("-n", nsDev[0], "link", "set", nsDev[1], "up");
        }
    }

    /**
     * A tag for namespace names, {@code jmpi-<tag>-<role>}, unique to this JVM and to each call; first checks
     * that this process may make namespaces, and deletes those of test JVMs that are gone.
     */
    static String newTag() throws IOException, InterruptedException {
        // /proc/self belongs to this process's user
        if (!Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))) {
            throw new IllegalStateException("network namespaces need root (ip netns add); run the tests as root, "
                    + "as CI does in its container, not as " + System.getProperty("user.name"));
        }
        deleteLeftovers();
        return ProcessHandle.current().pid() + "-" + COUNT.incrementAndGet();
    }

    /** Deletes namespaces of test JVMs that died before they could close theirs (killed on a timeout). */
    private static void deleteLeftovers() throws IOException, InterruptedException {
        Matcher m = Pattern.compile("(?m)^(jmpi-(\\d+)-\\d+-\\w+)\\b").matcher(ip("netns", "list"));
        while (m.find()) {
            if (ProcessHandle.of(Long.parseLong(m.group(2))).isEmpty()) {
                ip("netns", "delete", m.group(1));
            }
        }
    }

    /** The namespace of the coordinator. */
    String server() {
        return server;
    }

    /** The namespace of the ranks. */
    String ranks() {
        return ranks;
    }

    /** The command that runs command inside namespace ns. */
    static List<String> in(String ns, List<String> command) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(command);
        return cmd;
    }

    /** Runs ip with the given arguments; fails with what it printed unless it exits 0. */
    static String ip(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("ip");
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    /** Runs a short command to its end; fails with what it printed unless it exits 0. */
    static String run(List<String> cmd) throws IOException, InterruptedException {
        Jobs.Result r = Jobs.run(new ProcessBuilder(cmd).redirectErrorStream(true), Duration.ofSeconds(30));
        if (r.exitCode() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed with exit code " + r.exitCode() + ": " + r.out());
        }
        return r.out();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        IOException failed = null;
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                ip("netns", "delete", created.get(i));
            } catch (IOException e) {
                failed = e;
            }
        }
        created.clear();
        if (failed != null) {
            throw failed;
        }
    }
}
