package jmpi.bench;

import java.util.Arrays;
import jmpi.Comm;
import jmpi.MPI;

/**
 * The collectives the scaling benchmark times, each with what its algorithm on the direct data plane
 * promises: the messages the busiest rank sends per operation.
 */
enum ScalingCase {
    BARRIER("barrier", false) {
        @Override
        Runnable prepare(Comm c, Sizes s) {
            return c::barrier;
        }
    },
    BCAST_SMALL("Bcast small", false) {
        @Override
        Runnable prepare(Comm c, Sizes s) {
            return bcast(c, s.small());
        }
    },
    BCAST_LARGE("Bcast large", true) {
        @Override
        Runnable prepare(Comm c, Sizes s) {
            return bcast(c, s.large());
        }
    },
    ALLREDUCE_INT("Allreduce int", false) {
        @Override
        Runnable prepare(Comm c, Sizes s) {
            return allreduce(c, 1);
        }
    },
    ALLREDUCE_LARGE("Allreduce large", true) {
        @Override
        Runnable prepare(Comm c, Sizes s) {
            return allreduce(c, s.large() / Integer.BYTES);
        }
    },
    ALLTOALL_SMALL("Alltoall small", false) {
        @Override
        Runnable prepare(Comm c, Sizes s) {
            int n = c.size();
            int block = s.block();
            byte[] send = new byte[n * block];
            byte[] recv = new byte[n * block];
            // block d of rank r holds r: after the exchange, block s of every rank holds s
            Arrays.fill(send, (byte) c.rank());
            return () -> {
                c.Alltoall(send, recv);
                for (int src = 0; src < n; src++) {
                    check(recv[src * block] == (byte) src && recv[src * block + block - 1] == (byte) src,
                            "alltoall block " + src);
                }
            };
        }
    };

    /** Bytes of the small and large buffers and of an alltoall block. */
    record Sizes(int small, int large, int block) {
    }

    /** The algorithm the runtime picks for a case and what it promises: the busiest rank's messages. */
    record Promise(String algorithm, String formula, int messages) {
    }

    // where the runtime's table of collectives switches to its ring algorithms (its BCAST_LARGE,
    // REDUCE_LARGE and RING_BLOCK); ScalingSmokeTest fails if the counts stop matching
    private static final long BCAST_RING = 512 * 1024;
    private static final long REDUCE_RING = 256 * 1024;
    private static final long RING_BLOCK = 8 * 1024;

    private final String label;
    private final boolean large;

    ScalingCase(String label, boolean large) {
        this.label = label;
        this.large = large;
    }

    String label() {
        return label;
    }

    /** Whether it moves a large buffer, and so runs the fewer iterations. */
    boolean large() {
        return large;
    }

    /** The algorithm among n ranks and its promise, for the sizes given. */
    Promise promise(int n, Sizes s) {
        return switch (this) {
            case BARRIER -> new Promise("dissemination", "⌈log₂N⌉ rounds", ceilLog2(n));
            case BCAST_SMALL -> bcastPromise(n, s.small());
            case BCAST_LARGE -> bcastPromise(n, s.large());
            case ALLREDUCE_INT -> allreducePromise(n, Integer.BYTES);
            case ALLREDUCE_LARGE -> allreducePromise(n, s.large());
            case ALLTOALL_SMALL -> new Promise("pairwise", "N−1", n - 1);
        };
    }

    private static Promise bcastPromise(int n, long bytes) {
        return n > 2 && ring(bytes, BCAST_RING, n)
                ? new Promise("scatter + ring allgather", "⌈log₂N⌉ + N−1 (root)", ceilLog2(n) + n - 1)
                : new Promise("binomial", "⌈log₂N⌉ (root)", ceilLog2(n));
    }

    private static Promise allreducePromise(int n, long bytes) {
        return ring(bytes, REDUCE_RING, n)
                ? new Promise("ring", "2(N−1)", 2 * (n - 1))
                : new Promise("recursive doubling", "⌈log₂N⌉", ceilLog2(n));
    }

    private static boolean ring(long bytes, long from, int n) {
        return bytes >= from && bytes / n >= RING_BLOCK;
    }

    /** Allocates what one rank needs and returns one operation, which checks its own result. */
    abstract Runnable prepare(Comm c, Sizes s);

    static int ceilLog2(int n) {
        return n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
    }

    private static Runnable bcast(Comm c, int bytes) {
        byte[] buf = new byte[bytes];
        byte[] from = new byte[bytes];
        Arrays.fill(from, (byte) 7);
        return () -> {
            if (c.rank() == 0) {
                System.arraycopy(from, 0, buf, 0, bytes);
            } else {
                buf[0] = 0;
                buf[bytes - 1] = 0;
            }
            c.Bcast(buf, 0);
            check(buf[0] == 7 && buf[bytes - 1] == 7, "bcast");
        };
    }

    private static Runnable allreduce(Comm c, int ints) {
        int[] send = new int[ints];
        int[] sum = new int[ints];
        Arrays.fill(send, c.rank() + 1);
        int n = c.size();
        return () -> {
            c.Allreduce(send, sum, MPI.SUM);
            check(sum[0] == n * (n + 1) / 2 && sum[ints - 1] == sum[0], "allreduce");
        };
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what + " gave a wrong result");
        }
    }
}
