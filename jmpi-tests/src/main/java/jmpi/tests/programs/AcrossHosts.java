package jmpi.tests.programs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.Request;

/**
 * A rank of a job whose ranks live on several hosts, {@code per-host} consecutive ranks to a host:
 * it sends {@value #BYTES} bytes to every rank on another host and checks what it receives from them,
 * then runs barrier, bcast, allreduce and alltoall (objects and buffers, roots on either host) and
 * checks every result. It prints "rank R checked, sent M messages on links" (M from the runtime's JMX
 * counters, so run it with -Djmpi.jmx=true), then waits for a line (or the end) on its input, so that
 * whoever started it may look at its sockets while it still holds them, and finalizes.
 */
public final class AcrossHosts {
    /** Bytes of each message between hosts: large enough that the links' byte counts tell where they went. */
    public static final int BYTES = 1 << 20;
    private static final int TAG = 5;

    private AcrossHosts() {
    }

    public static void main(String[] args) throws IOException, JMException {
        int perHost = Integer.parseInt(args[0]);
        Comm c = MPI.COMM_WORLD;
        int me = c.rank();
        int n = c.size();
        List<Integer> remote = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            if (r / perHost != me / perHost) {
                remote.add(r);
            }
        }
        pointToPoint(c, remote);
        collectives(c);
        System.out.println("rank " + me + " checked, sent " + sentOnLinks() + " messages on links");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            in.readLine();
        }
        MPI.Finalize();
        System.out.println("rank " + me + " finalized");
    }

    /** Every rank sends a buffer of its own pattern to every remote rank and checks each it receives. */
    private static void pointToPoint(Comm c, List<Integer> remote) {
        byte[] mine = pattern(c.rank());
        List<Request<?>> sends = new ArrayList<>();
        for (int r : remote) {
            sends.add(c.Isend(mine, r, TAG));
        }
        byte[] got = new byte[BYTES];
        for (int r : remote) {
            c.Recv(got, r, TAG);
            check(Arrays.equals(pattern(r), got), "the buffer from rank " + r);
        }
        Request.waitAll(sends);
        // objects too, both ways between every pair of hosts
        for (int r : remote) {
            c.send("from " + c.rank(), r, TAG + 1);
        }
        for (int r : remote) {
            check(("from " + r).equals(c.recv(r, TAG + 1)), "object from rank " + r);
        }
    }

    private static void collectives(Comm c) {
        int n = c.size();
        int me = c.rank();
        c.barrier();
        // roots on the first host and on the last
        for (int root : List.of(0, n - 1)) {
            check(("root " + root).equals(c.bcast(me == root ? "root " + root : null, root)), "bcast from " + root);
            long[] buf = new long[1000];
            if (me == root) {
                Arrays.setAll(buf, i -> i * (long) root);
            }
            c.Bcast(buf, root);
            check(buf[999] == 999L * root, "Bcast from " + root);
        }
        check(Integer.valueOf(n * (n - 1) / 2).equals(c.allreduce(me)), "allreduce");
        int[] sum = new int[4096];
        int[] send = new int[4096];
        Arrays.setAll(send, i -> i + me);
        c.Allreduce(send, sum, MPI.SUM);
        check(sum[4095] == n * 4095 + n * (n - 1) / 2, "Allreduce");
        List<Integer> items = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            items.add(me * 100 + r);
        }
        List<Integer> back = c.alltoall(items);
        for (int r = 0; r < n; r++) {
            check(Integer.valueOf(r * 100 + me).equals(back.get(r)), "alltoall item from " + r);
        }
        int[] blocks = new int[n * 2];
        Arrays.setAll(blocks, i -> me * 1000 + i);
        int[] recv = new int[n * 2];
        c.Alltoall(blocks, recv);
        for (int r = 0; r < n; r++) {
            check(recv[2 * r] == r * 1000 + 2 * me && recv[2 * r + 1] == r * 1000 + 2 * me + 1,
                    "Alltoall block from " + r);
        }
        c.barrier();
    }

    /** What this rank sent on its links to other ranks: its JMX counters. */
    private static long sentOnLinks() throws JMException {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = jmx.queryNames(new ObjectName("jmpi:type=Rank,*"), null);
        check(names.size() == 1, "one rank's counters in this process, not " + names);
        return (Long) jmx.getAttribute(names.iterator().next(), "MessagesSent");
    }

    private static byte[] pattern(int rank) {
        byte[] b = new byte[BYTES];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31 + rank * 7);
        }
        return b;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("rank " + MPI.COMM_WORLD.rank() + ": wrong " + what);
        }
    }
}
