package jmpi.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A real Slurm cluster of Debian's packages, its own in a temporary directory: munged (as the user
 * munge, with the machine's key, on a socket of its own), slurmctld and slurmd on free ports, tracking
 * tasks by /proc and binding none ({@code proctrack/linuxproc}, {@code task/none}: no cgroups needed),
 * one partition whose cores jobs share ({@code OverSubscribe=FORCE}). {@link #start()} makes one node,
 * this host; {@link #startAcross} one node per host of a {@link VirtualLan}, each slurmd in its host's
 * network namespace with a hostname of its own (a UTS namespace) and an /etc/hosts that names every
 * node, the controller on the first. {@link #srun} makes a command run under it; {@link #close()}
 * cancels what still runs, stops the daemons, and removes the directory. Root only, as slurmd is; the
 * tests that need it fail (never skip) without the packages: {@code bin/install-test-packages}.
 */
final class Slurm implements AutoCloseable {
    private static final Path MUNGED = Path.of("/usr/sbin/munged");
    private static final Path SLURMCTLD = Path.of("/usr/sbin/slurmctld");
    private static final Path SLURMD = Path.of("/usr/sbin/slurmd");
    private static final Path KEY = Path.of("/etc/munge/munge.key");
    private static final long START_SECONDS = 30;
    private static final long STOP_SECONDS = 10;
    /** How long a cancelled task has between SIGTERM and SIGKILL. */
    static final int KILL_WAIT_SECONDS = 5;

    private final Path dir;
    private final List<String> nodes;
    private final List<String> addresses;
    private final VirtualLan lan;
    private final List<Daemon> daemons = new ArrayList<>();

    /** A daemon in the foreground, its output kept for when it fails to start. */
    private record Daemon(String name, Process process, StringBuilder log, CompletableFuture<Boolean> ready) {
    }

    private Slurm(Path dir, List<String> nodes, List<String> addresses, VirtualLan lan) {
        this.dir = dir;
        this.nodes = List.copyOf(nodes);
        this.addresses = List.copyOf(addresses);
        this.lan = lan;
    }

    /** One node, this host, on loopback; stops whatever it started if a step fails. */
    static Slurm start() throws Exception {
        checkInstalled();
        String node = NetworkNamespaces.run(List.of("hostname", "-s")).trim();
        return start(() -> new Slurm(Files.createTempDirectory("jmpi-slurm"), List.of(node), List.of("127.0.0.1"), null));
    }

    /** One node per host of lan, named names; stops whatever it started if a step fails. */
    static Slurm startAcross(VirtualLan lan, List<String> names) throws Exception {
        checkInstalled();
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            addresses.add(VirtualLan.address(i));
        }
        return start(() -> new Slurm(Files.createTempDirectory("jmpi-slurm"), names, addresses, lan));
    }

    /** Starts a cluster that make describes; a port free a moment ago may be taken by then: then another. */
    private static Slurm start(Callable<Slurm> make) throws Exception {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            Slurm s = make.call();
            try {
                s.startDaemons();
                return s;
            } catch (IOException e) {
                last = e;
                s.close();
            } catch (Exception | Error e) {
                s.close();
                throw e;
            }
        }
        throw new AssertionError("Slurm did not start", last);
    }

    private static void checkInstalled() {
        for (Path p : List.of(MUNGED, SLURMCTLD, SLURMD)) {
            if (!Files.isExecutable(p)) {
                fail(p + " is not installed: the Slurm tests start a real Slurm; run bin/install-test-packages"
                        + " or install the Debian packages slurmd slurmctld slurm-client munge");
            }
        }
        if (!Files.exists(KEY)) {
            fail(KEY + " is missing: the Debian package munge makes it when it is installed; make one with"
                    + " `mungekey --create` (as the user munge)");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            fail("the Slurm tests start slurmd, which runs as root: run them as root");
        }
    }

    private void startDaemons() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        // munged insists that its socket's directory be its own and searchable by all
        Path munge = Files.createDirectory(dir.resolve("munge"));
        NetworkNamespaces.run(List.of("chown", "munge:munge", munge.toString()));
        Files.setPosixFilePermissions(munge, PosixFilePermissions.fromString("rwx--x--x"));
        Path socket = munge.resolve("munge.socket");
        start("munged", "Created socket", List.of("runuser", "-u", "munge", "--", MUNGED.toString(), "--foreground",
                "--socket=" + socket, "--key-file=" + KEY, "--pid-file=" + munge.resolve("munged.pid"),
                "--seed-file=" + munge.resolve("seed"), "--log-file=/dev/stderr"));
        Files.createDirectory(dir.resolve("state"));
        StringBuilder hosts = new StringBuilder("127.0.0.1 localhost\n");
        StringBuilder nodeLines = new StringBuilder();
        int cpus = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < nodes.size(); i++) {
            Files.createDirectory(dir.resolve("spool-" + nodes.get(i)));
            hosts.append(addresses.get(i)).append(' ').append(nodes.get(i)).append('\n');
            nodeLines.append("NodeName=").append(nodes.get(i)).append(" NodeAddr=").append(addresses.get(i))
                    .append(" CPUs=").append(cpus).append(" State=UNKNOWN\n");
        }
        Files.writeString(dir.resolve("hosts"), hosts);
        // slurmd reads cgroups at start even with nothing to track in them; on a host of cgroup v2 without
        // systemd (a container) it may do so without asking systemd for a scope. Read beside slurm.conf.
        Files.writeString(dir.resolve("cgroup.conf"), "CgroupPlugin=autodetect\nIgnoreSystemd=yes\n");
        Files.writeString(conf(), String.join("\n",
                "ClusterName=jmpitest",
                "SlurmctldHost=" + nodes.get(0) + "(" + addresses.get(0) + ")",
                "SlurmctldPort=" + Jobs.freePort(),
                "SlurmdPort=" + Jobs.freePort(),
                "AuthType=auth/munge",
                "CredType=cred/munge",
                "AuthInfo=socket=" + socket,
                "SlurmUser=root",
                "SlurmdUser=root",
                "StateSaveLocation=" + dir.resolve("state"),
                "SlurmdSpoolDir=" + dir.resolve("spool-%n"),
                "SlurmctldPidFile=" + dir.resolve("slurmctld.pid"),
                "SlurmdPidFile=" + dir.resolve("slurmd-%n.pid"),
                "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none",
                "JobAcctGatherType=jobacct_gather/none",
                "SelectType=select/cons_tres",
                "SelectTypeParameters=CR_Core",
                "MpiDefault=none",
                "ReturnToService=2",
                // a killed job's processes are gone within moments, and the node is free again
                "KillWait=" + KILL_WAIT_SECONDS,
                nodeLines + "PartitionName=test Nodes=" + String.join(",", nodes)
                        + " Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE",
                ""));
        start("slurmctld", "Running as primary controller", on(0, List.of(SLURMCTLD.toString(), "-D", "-f",
                conf().toString())));
        for (int i = 0; i < nodes.size(); i++) {
            start("slurmd " + nodes.get(i), "slurmd started", on(i, List.of(SLURMD.toString(), "-D", "-N", nodes.get(i),
                    "-f", conf().toString())));
        }
    }

    /**
     * The command on node i: as it is on a single node; on a LAN's host, in its network namespace
     * (nsenter, not {@code ip netns exec}, whose fresh /sys lacks the cgroup mounts slurmd reads) and
     * mount and UTS namespaces of its own, where it has its node's name, the nodes' /etc/hosts, and a
     * /dev/shm of its own, as on a machine of its own.
     */
    private List<String> on(int i, List<String> command) {
        if (lan == null) {
            return command;
        }
        List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=/run/netns/" + lan.host(i), "unshare", "--mount",
                "--uts", "sh", "-c", "mount --bind " + dir.resolve("hosts") + " /etc/hosts"
                        + " && mount -t tmpfs -o size=256m jmpi-shm /dev/shm && hostname " + nodes.get(i)
                        + " && exec \"$@\"", "sh"));
        cmd.addAll(command);
        return cmd;
    }

    private Path conf() {
        return dir.resolve("slurm.conf");
    }

    /** Starts a daemon and waits for the line that says it is ready. */
    private void start(String name, String readyLine, List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Jobs.cleanEnvironment(pb.environment());
        Jobs.mark(pb);
        Daemon d = new Daemon(name, pb.start(), new StringBuilder(), new CompletableFuture<>());
        daemons.add(d);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(d.process().getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (d.log()) {
                        d.log().append(line).append('\n');
                    }
                    if (line.contains(readyLine)) {
                        d.ready().complete(true);
                    }
                }
            } catch (IOException e) {
                // the daemon is gone
            }
            d.ready().complete(false);
        }, name + "-output");
        reader.setDaemon(true);
        reader.start();
        boolean ok;
        try {
            ok = d.ready().get(START_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            ok = false;
        }
        if (!ok) {
            synchronized (d.log()) {
                throw new IOException(name + " did not start; it printed:\n" + d.log());
            }
        }
    }

    /**
     * The command under {@code srun} with options, on the first node, in a clean environment that points
     * srun at this cluster. {@code --overcommit}: more ranks than cores; srun hands the environment on
     * to the tasks.
     */
    ProcessBuilder srun(List<String> options, List<String> command) {
        List<String> cmd = new ArrayList<>(List.of("srun", "--overcommit"));
        cmd.addAll(options);
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(on(0, cmd)).directory(Jobs.root().toFile()).redirectErrorStream(true);
        Jobs.cleanEnvironment(pb.environment()).put("SLURM_CONF", conf().toString());
        return pb;
    }

    /** A Slurm client command (squeue, scancel, scontrol) against this cluster; what it printed. */
    String client(String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(on(0, List.of(command))).redirectErrorStream(true);
        Jobs.cleanEnvironment(pb.environment()).put("SLURM_CONF", conf().toString());
        Jobs.Result r = Jobs.run(pb, java.time.Duration.ofSeconds(30));
        if (r.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + r.exitCode() + ":\n" + r.out());
        }
        return r.out();
    }

    /** Cancels every job, stops the daemons (killing any that linger), removes the directory. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (daemons.size() == 2 + nodes.size()) {
                client("scancel", "--full", "--partition=test");
            }
        } catch (IOException e) {
            // the controller is gone already: the daemons' end below still stops every task
        }
        for (int i = daemons.size() - 1; i >= 0; i--) {
            Process p = daemons.get(i).process();
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            if (!p.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                Jobs.kill(p);
                p.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
            }
        }
        daemons.clear();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
