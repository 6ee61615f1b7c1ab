package jmpi.tests.programs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.Request;
import jmpi.op.OperationRequest;
import jmpi.tests.ops.PairSum;

/**
 * The operations of {@link Soak}, one kind per step, each with its result checked against what the
 * rank can work out on its own. Every rank runs the same kinds in the same order (they share the seed),
 * so collectives line up. Results of non-blocking operations are kept, to check later that a request
 * that completed keeps its result whatever happens to the job afterwards.
 */
final class SoakSteps {
    /** How many kinds of step there are. */
    static final int KINDS = 11;
    private static final int KEPT = 64;

    private final Comm world;
    private final Comm half;
    private final int rank;
    private final int size;
    private final Deque<Completed> completed = new ArrayDeque<>();
    private int checks;

    /** A request that completed, and the result it must keep giving. */
    private record Completed(int step, Request<?> request, Object expected) {
    }

    /** A result that differs from the expected one. */
    static final class CheckFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CheckFailed(String message) {
            super(message);
        }
    }

    /** half: the ranks of this rank's parity, split from world. */
    SoakSteps(Comm world, Comm half) {
        this.world = world;
        this.half = half;
        this.rank = world.rank();
        this.size = world.size();
    }

    /** Checks that passed so far. */
    int checks() {
        return checks;
    }

    /** Completed requests kept for {@link #recheck()}. */
    int kept() {
        return completed.size();
    }

    /** Runs step number {@code step}, of the given kind. */
    void run(int step, int kind) {
        switch (kind) {
            case 0 -> check(step, "allreduce", world.<Integer>allreduce(rank * step + 1),
                    step * size * (size - 1) / 2 + size);
            case 1 -> check(step, "bcast", world.bcast(rank == step % size ? "bcast " + step : null, step % size),
                    "bcast " + step);
            case 2 -> bufferAllreduceOnHalf(step);
            case 3 -> ring(step);
            case 4 -> pairSum(step);
            case 5 -> nonBlocking(step);
            case 6 -> alltoall(step);
            case 7 -> check(step, "gather", half.gather(rank, 0), half.rank() == 0 ? halfMembers() : null);
            case 8 -> anySource(step);
            case 9 -> check(step, "scatter", world.scatter(rank == step % size ? scattered(step) : null, step % size),
                    "scatter " + step + " to " + rank);
            case 10 -> dupAndFree(step);
            default -> throw new IllegalArgumentException("no step kind " + kind);
        }
    }

    private void bufferAllreduceOnHalf(int step) {
        int[] buf = new int[8];
        int[] expected = new int[8];
        for (int j = 0; j < buf.length; j++) {
            buf[j] = rank + j + step;
            for (int member : halfMembers()) {
                expected[j] += member + j + step;
            }
        }
        half.Allreduce(MPI.IN_PLACE, buf, MPI.SUM);
        check(step, "Allreduce on the split communicator", Arrays.toString(buf), Arrays.toString(expected));
    }

    private void ring(int step) {
        int right = (rank + 1) % size;
        int left = (rank + size - 1) % size;
        int tag = step % 30000;
        Integer got = world.sendrecv(step * 1000 + rank, right, tag, left, tag);
        check(step, "sendrecv", got, step * 1000 + left);
    }

    private void pairSum(int step) {
        PairSum ctx = new PairSum(MPI.SUM);
        Integer got = world.submit(OperationRequest.of(ctx.group(size), ctx, rank + step)).waitFor();
        Integer expected = rank % 2 == 1 ? null : rank + 1 < size ? 2 * (rank + step) + 1 : rank + step;
        check(step, "custom PairSum", got, expected);
    }

    private void nonBlocking(int step) {
        int root = step % size;
        Request<Integer> sum = world.ireduce(rank + step, MPI.SUM, root);
        Request<List<Integer>> members = half.iallgather(rank);
        Integer expectedSum = rank == root ? size * step + size * (size - 1) / 2 : null;
        check(step, "ireduce", sum.waitFor(), expectedSum);
        check(step, "iallgather on the split communicator", members.waitFor(), halfMembers());
        keep(new Completed(step, sum, expectedSum));
        keep(new Completed(step, members, halfMembers()));
    }

    private void alltoall(int step) {
        List<String> out = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int r = 0; r < size; r++) {
            out.add(step + ":" + rank + ">" + r);
            expected.add(step + ":" + r + ">" + rank);
        }
        check(step, "alltoall", world.alltoall(out), expected);
    }

    private void anySource(int step) {
        int right = (rank + 1) % size;
        int left = (rank + size - 1) % size;
        Request<Void> sent = world.isend(List.of(rank, step), right, 77);
        Request<List<Integer>> got = world.irecv(MPI.ANY_SOURCE, 77);
        check(step, "irecv from any source", got.waitFor(), List.of(left, step));
        check(step, "its status's source", got.status().source(), left);
        sent.waitFor();
        keep(new Completed(step, got, List.of(left, step)));
    }

    private void dupAndFree(int step) {
        Comm dup = world.Dup();
        try {
            check(step, "allreduce on a dup", dup.<Integer>allreduce(1), size);
        } finally {
            dup.Free();
        }
    }

    private List<String> scattered(int step) {
        List<String> items = new ArrayList<>();
        for (int r = 0; r < size; r++) {
            items.add("scatter " + step + " to " + r);
        }
        return items;
    }

    /** The world ranks of this rank's parity, in order. */
    private List<Integer> halfMembers() {
        List<Integer> m = new ArrayList<>();
        for (int r = rank % 2; r < size; r += 2) {
            m.add(r);
        }
        return m;
    }

    private void keep(Completed c) {
        if (completed.size() == KEPT) {
            completed.removeFirst();
        }
        completed.addLast(c);
    }

    /** Every kept request is still complete and still gives its result. */
    void recheck() {
        for (Completed c : completed) {
            if (!c.request().test()) {
                throw new CheckFailed("step " + c.step() + ": a completed request is no longer complete");
            }
            check(c.step(), "a completed result, read again", c.request().waitFor(), c.expected());
        }
    }

    private void check(int step, String what, Object got, Object expected) {
        if (!Objects.equals(got, expected)) {
            throw new CheckFailed("step " + step + ": " + what + " gave " + got + ", expected " + expected);
        }
        checks++;
    }
}
