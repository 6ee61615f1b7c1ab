package jmpi.tests.programs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.Op;
import jmpi.Request;

/**
 * Payloads around and far above the size that goes through shared memory, on every path the
 * coordinator forwards: alltoall (buffers and objects), bcast, gather, an in-place allreduce, and
 * messages received in the reverse order of sending, so that blocks are freed out of order and a
 * small segment fills up and wraps. Every byte is checked.
 *
 * <p>Arguments: {@code ROUNDS [DIE_RANK DIE_ROUND]}; with the last two, that rank halts there, as a
 * killed process would. Each rank prints its process id, whether its segment exists, and at the end
 * {@code rank R: N rounds intact}.
 */
public final class SharedPayloads {
    private static final int[] SIZES = {1, 32 << 10, (32 << 10) - 1, 100_000, 1 << 20, (3 << 20) + 5};

    private SharedPayloads() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = Integer.parseInt(args[0]);
        int dieRank = args.length > 2 ? Integer.parseInt(args[1]) : -1;
        int dieRound = args.length > 2 ? Integer.parseInt(args[2]) : -1;
        Comm c = MPI.COMM_WORLD;
        int rank = c.rank();
        int n = c.size();
        long pid = ProcessHandle.current().pid();
        System.out.println("rank " + rank + ": pid " + pid + ", segment " + (hasSegment(pid) ? "offered" : "absent"));
        for (int round = 0; round < rounds; round++) {
            if (rank == dieRank && round == dieRound) {
                System.out.println("rank " + rank + ": halting");
                System.out.flush();
                Runtime.getRuntime().halt(3);
            }
            int size = SIZES[round % SIZES.length] + round;

            byte[] send = new byte[size * n];
            for (int j = 0; j < n; j++) {
                fill(send, j * size, size, rank, j, round);
            }
            byte[] recv = new byte[size * n];
            c.Alltoall(send, recv);
            for (int i = 0; i < n; i++) {
                expect(recv, i * size, size, i, rank, round, "alltoall");
            }

            List<byte[]> chunks = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                byte[] b = new byte[size];
                fill(b, 0, size, rank, j, round + 1);
                chunks.add(b);
            }
            List<byte[]> got = c.alltoall(chunks);
            for (int i = 0; i < n; i++) {
                expect(got.get(i), 0, size, i, rank, round + 1, "object alltoall");
            }

            int root = round % n;
            byte[] b = new byte[size];
            if (rank == root) {
                fill(b, 0, size, root, -1, round);
            }
            c.Bcast(b, root);
            expect(b, 0, size, root, -1, round, "bcast");

            byte[] mine = new byte[size];
            fill(mine, 0, size, rank, root, round + 2);
            byte[] all = rank == root ? new byte[size * n] : null;
            c.Gather(mine, all, root);
            if (rank == root) {
                for (int i = 0; i < n; i++) {
                    expect(all, i * size, size, i, root, round + 2, "gather");
                }
            }

            int[] v = new int[Math.max(1, size / 4)];
            for (int k = 0; k < v.length; k++) {
                v[k] = k + rank;
            }
            c.Allreduce(MPI.IN_PLACE, v, Op.SUM);
            for (int k = 0; k < v.length; k++) {
                if (v[k] != n * k + n * (n - 1) / 2) {
                    throw new AssertionError("rank " + rank + " round " + round + ": allreduce element " + k + " is " + v[k]);
                }
            }

            // three messages to the next rank, received last one first
            int next = (rank + 1) % n;
            int prev = (rank + n - 1) % n;
            List<Request<?>> sends = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                byte[] m = new byte[size];
                fill(m, 0, size, rank, next, round * 3 + t);
                sends.add(c.Isend(m, next, t));
            }
            for (int t = 2; t >= 0; t--) {
                byte[] m = new byte[size];
                c.Recv(m, prev, t);
                expect(m, 0, size, prev, rank, round * 3 + t, "message " + t);
            }
            Request.waitAll(sends);
        }
        c.barrier();
        System.out.println("rank " + rank + ": " + rounds + " rounds intact");
        MPI.Finalize();
    }

    private static boolean hasSegment(long pid) throws IOException {
        try (var files = Files.list(Path.of("/dev/shm"))) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("jmpi-" + pid + "-"));
        }
    }

    private static byte value(int k, int from, int to, int round) {
        return (byte) (k * 131 + from * 17 + to * 7 + round * 3);
    }

    private static void fill(byte[] a, int off, int len, int from, int to, int round) {
        for (int k = 0; k < len; k++) {
            a[off + k] = value(k, from, to, round);
        }
    }

    private static void expect(byte[] a, int off, int len, int from, int to, int round, String what) {
        for (int k = 0; k < len; k++) {
            if (a[off + k] != value(k, from, to, round)) {
                throw new AssertionError(what + " from " + from + " to " + to + " in round " + round + ": byte " + k
                        + " of " + len + " is " + a[off + k] + ", not " + value(k, from, to, round));
            }
        }
    }
}
