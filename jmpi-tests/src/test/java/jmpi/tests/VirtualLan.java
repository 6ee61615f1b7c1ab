package jmpi.tests;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Hosts on one LAN, made of network namespaces with iproute2's {@code ip} (root only): host i is a
 * namespace whose one interface, {@value #DEV}, has the address {@code 10.232.0.(i+1)/24} and is
 * plugged into a bridge, the switch, in a namespace of its own. A frame from one host to another
 * crosses the switch and those two hosts' interfaces only, so each host's interface counters say what
 * that host sent and received. Closing deletes every namespace, and with them their links.
 */
final class VirtualLan implements AutoCloseable {
    /** Each host's interface. */
    static final String DEV = "lan0";

    private final String tag;
    private final int hosts;
    private final List<String> created = new ArrayList<>();

    private VirtualLan(String tag, int hosts) {
        this.tag = tag;
        this.hosts = hosts;
    }

    /** Makes the switch and the hosts; deletes whatever it made if a step fails. */
    static VirtualLan create(int hosts) throws IOException, InterruptedException {
        if (hosts < 1 || hosts > 200) {
            throw new IllegalArgumentException("hosts " + hosts + " out of range [1, 200]");
        }
        VirtualLan lan = new VirtualLan(NetworkNamespaces.newTag(), hosts);
        try {
            lan.setUp();
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            lan.close();
            throw e;
        }
        return lan;
    }

    private void setUp() throws IOException, InterruptedException {
        String sw = "jmpi-" + tag + "-sw";
        add(sw);
        NetworkNamespaces.ip("-n", sw, "link", "add", "br0", "type", "bridge");
        NetworkNamespaces.ip("-n", sw, "link", "set", "br0", "up");
        for (int i = 0; i < hosts; i++) {
            String h = host(i);
            add(h);
            // made in the namespaces they belong to: names need only be unique inside each
            NetworkNamespaces.ip("link", "add", DEV, "netns", h, "type", "veth", "peer", "name", "port" + i,
                    "netns", sw);
            NetworkNamespaces.ip("-n", sw, "link", "set", "port" + i, "master", "br0", "up");
            NetworkNamespaces.ip("-n", h, "addr", "add", address(i) + "/24", "dev", DEV);
            NetworkNamespaces.ip("-n", h, "link", "set", DEV, "up");
            NetworkNamespaces.ip("-n", h, "link", "set", "lo", "up");
        }
    }

    private void add(String ns) throws IOException, InterruptedException {
        NetworkNamespaces.ip("netns", "add", ns);
        created.add(ns);
    }

    /** Host i's namespace. */
    String host(int i) {
        return "jmpi-" + tag + "-h" + i;
    }

    /** Host i's address, on its interface only. */
    static String address(int i) {
        return "10.232.0." + (i + 1);
    }

    /**
     * The command that runs command on host i. Its /dev/shm is a tmpfs of its own, as on a machine of
     * its own: jmpi moves large payloads through shared memory between processes that can map each
     * other's segments there, which processes on other hosts cannot.
     */
    List<String> on(int i, List<String> command) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", host(i), "sh", "-c",
                // ip netns exec gives the command a mount namespace of its own: the mount stays in it
                "mount -t tmpfs -o size=256m jmpi-shm /dev/shm && exec \"$@\"", "sh"));
        cmd.addAll(command);
        return cmd;
    }

    /** Bytes host i's interface has received since the LAN was made. */
    long received(int i) throws IOException, InterruptedException {
        return counter(i, "rx_bytes");
    }

    /** Bytes host i's interface has sent since the LAN was made. */
    long sent(int i) throws IOException, InterruptedException {
        return counter(i, "tx_bytes");
    }

    private long counter(int i, String name) throws IOException, InterruptedException {
        // ip netns exec mounts the namespace's own /sys, where its interfaces are
        return Long.parseLong(NetworkNamespaces.run(NetworkNamespaces.in(host(i),
                List.of("cat", "/sys/class/net/" + DEV + "/statistics/" + name))).trim());
    }

    /** What is listening and connected on host i, from {@code ss}: one socket a line. */
    String sockets(int i, String... ssOptions) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ss"));
        cmd.addAll(List.of(ssOptions));
        return NetworkNamespaces.run(NetworkNamespaces.in(host(i), cmd));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        IOException failed = null;
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                NetworkNamespaces.ip("netns", "delete", created.get(i));
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
