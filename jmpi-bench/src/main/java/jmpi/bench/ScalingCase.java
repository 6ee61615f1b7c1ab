package jmpi.bench;

import java.util.Arrays;
import jmpi.Comm;
import jmpi.MPI;

/**
 * The collectives the scaling benchmark times, each with what its algorithm on the direct data plane
 * promises: the messages the busiest rank sends per operation.
 */
enum ScalingCase {
    BARRIER("barrier", false, "⌈log₂N⌉ rounds") {
        @Override
        Runnable prepare(Comm c, Sizes s) {
            return c::barrier;
        }
    },
    BCAST_SMALL("Bcast small", false, "⌈log₂N⌉ (root)") {
        @Override
        Runnable prepare(Comm c, Sizes s) {
            return bcast(c, s.small());
        }
    },
    BCAST_LARGE("Bcast large", true, "⌈log₂N⌉ (root)") {
        @Override
        Runnable prepare(Comm c, Sizes s) {
            return bcast(c, s.large());
        }
    },
    ALLREDUCE_INT("Allreduce int", false, "⌈log₂N⌉") {
        @Override
        Runnable prepare(Comm c, Sizes s) {
            return allreduce(c, 1);
        }
    },
    ALLREDUCE_LARGE("Allreduce large", true, "⌈log₂N⌉") {
        @Override
        Runnable prepare(Comm c, Sizes s) {
            return allreduce(c, s.large() / Integer.BYTES);
        }
    },
    ALLTOALL_SMALL("Alltoall small", false, "N−1 (pairwise)") {
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

    private final String label;
    private final boolean large;
    private final String promise;

    ScalingCase(String label, boolean large, String promise) {
        this.label = label;
        this.large = large;
        this.promise = promise;
    }

    String label() {
        return label;
    }

    /** Whether it moves a large buffer, and so runs the fewer iterations. */
    boolean large() {
        return large;
    }

    /** The promise in words. */
    String promise() {
        return promise;
    }

    /** The messages the busiest rank may send per operation among n ranks. */
    int promised(int n) {
        return this == ALLTOALL_SMALL ? n - 1 : ceilLog2(n);
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
