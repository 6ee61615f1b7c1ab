package jmpi.tests.programs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.Request;
import jmpi.Status;

/**
 * Many large sends in flight at once: the last rank {@code Isend}s COUNT messages of SIZE bytes to
 * rank 0 without waiting for any, then waits for all; rank 0 receives them one by one and checks every
 * byte. Each rank then prints what it measured, so that a test can check that back-pressure kept the
 * sender's memory bounded (the messages together are far larger than the heap).
 *
 * <p>Arguments: {@code [COUNT [SIZE]]}, defaults 500 and 2 MiB. Rank 0 receives because, by default,
 * it also hosts the coordinator: the sender's JVM holds nothing but its own queue. It prints:
 * <pre>
 * rank 1: sent 500 messages of 2097152 bytes, at most 9 in flight; heap max 256 MiB, live after GC max
 *     16 MiB, peak 129 MiB, direct at GC max 16 MiB, 29 collections; job ok                  (one line)
 * </pre>
 */
public final class ManyOutstanding {
    private static final int TAG = 7;

    private ManyOutstanding() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 2 << 20;
        HeapWatch heap = HeapWatch.start();
        Comm c = MPI.COMM_WORLD;
        int rank = c.rank();
        int sender = c.size() - 1;
        String what;
        boolean ok;
        if (rank == sender && sender != 0) {
            AtomicInteger inFlight = new AtomicInteger();
            int maxInFlight = 0;
            List<Request<Void>> sends = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                // a new array each time, as a program would fill one per message; the request must not pin it
                byte[] msg = new byte[size];
                fill(msg, i);
                inFlight.incrementAndGet();
                Request<Void> r = c.Isend(msg, 0, TAG);
                r.toCompletableFuture().whenComplete((v, e) -> inFlight.decrementAndGet());
                sends.add(r);
                maxInFlight = Math.max(maxInFlight, inFlight.get());
            }
            Request.waitAll(sends);
            ok = true;
            what = "sent " + count + " messages of " + size + " bytes, at most " + maxInFlight + " in flight";
        } else if (rank == 0 && sender != 0) {
            byte[] buf = new byte[size];
            byte[] expected = new byte[size];
            int intact = 0;
            for (int i = 0; i < count; i++) {
                Status st = c.Recv(buf, sender, TAG);
                fill(expected, i);
                if (st.count() == size && java.util.Arrays.equals(buf, expected)) {
                    intact++;
                }
            }
            ok = intact == count;
            what = "received " + intact + " of " + count + " messages intact";
        } else {
            ok = true;
            what = "idle";
        }
        boolean all = c.allreduce(ok, MPI.LAND);
        MPI.Finalize();
        System.out.println("rank " + rank + ": " + what + "; " + heap.summary() + "; job " + (all ? "ok" : "FAILED"));
        if (!all) {
            System.exit(1);
        }
    }

    /** Message i's bytes: different in every message and at every position, so a mix-up shows. */
    private static void fill(byte[] b, int i) {
        for (int j = 0; j < b.length; j++) {
            b[j] = (byte) (j * 31 + i * 7 + (j >>> 8));
        }
    }
}
