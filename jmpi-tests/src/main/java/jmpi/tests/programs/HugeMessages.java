package jmpi.tests.programs;

import jmpi.Comm;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Status;

/**
 * One message larger than 2 GiB between two ranks, a long[] of the given bytes: {@code send} sends it
 * from rank 1 to rank 0, {@code bcast} broadcasts it from rank 0, and {@code refused} tries both and
 * expects each to fail alike on every rank (where the path cannot carry it), the job going on after.
 * {@code object} sends an object of two long[] of half the bytes each from rank 1 to rank 0, its
 * class registered through JMPI_SERIAL, then broadcasts it from rank 0.
 * A receiver checks every element (an AssertionError ends the job otherwise); each rank prints the
 * seconds the transfer took and its heap figures.
 * Usage: {@code HugeMessages send|bcast|refused|object bytes}.
 */
public final class HugeMessages {
    private HugeMessages() {
    }

    /** An object of two large arrays, as a program would send its state. */
    public record Halves(long[] first, long[] second) {
    }

    public static void main(String[] args) {
        HeapWatch heap = HeapWatch.start();
        String what = args[0];
        int elements = Math.toIntExact(Long.parseLong(args[1]) / Long.BYTES);
        Comm c = MPI.COMM_WORLD;
        int rank = c.rank();
        if (what.equals("object")) {
            objects(c, heap, elements / 2);
            return;
        }
        long[] a = new long[elements];
        boolean source = what.equals("bcast") ? rank == 0 : rank == 1;
        if (source) {
            fill(a, 0);
        }
        c.barrier();
        long start = System.nanoTime();
        switch (what) {
            case "send" -> {
                if (rank == 1) {
                    c.Send(a, 0, 5);
                } else {
                    Status s = c.Recv(a, 1, 5);
                    System.out.println("rank 0: received countLong " + s.countLong() + ", count " + s.count());
                }
            }
            case "bcast" -> c.Bcast(a, 0);
            case "refused" -> {
                refused(rank, "send", () -> c.Send(a, 1 - rank, 5));
                refused(rank, "bcast", () -> c.Bcast(a, 0));
            }
            default -> throw new IllegalArgumentException(what);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!what.equals("refused") && !source) {
            check(rank, a, 0);
        }
        finish(c, what, (long) elements * Long.BYTES, seconds, heap);
    }

    private static void objects(Comm c, HeapWatch heap, int half) {
        int rank = c.rank();
        c.barrier();
        long start = System.nanoTime();
        Halves h = null;
        if (rank == 1) {
            long[] first = new long[half];
            long[] second = new long[half];
            fill(first, 0);
            fill(second, half);
            c.send(new Halves(first, second), 0, 6);
        } else {
            h = c.recv(1, 6);
            check(rank, h.first(), 0);
            check(rank, h.second(), half);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        c.barrier();
        start = System.nanoTime();
        Halves got = c.bcast(h, 0);
        h = null;
        if (rank == 1) {
            check(rank, got.first(), 0);
            check(rank, got.second(), half);
        }
        System.out.printf("rank %d: object bcast done in %.1f s%n", rank, (System.nanoTime() - start) / 1e9);
        finish(c, "object", 2L * half * Long.BYTES, seconds, heap);
    }

    private static void finish(Comm c, String what, long bytes, double seconds, HeapWatch heap) {
        c.barrier();
        System.out.printf("rank %d: %s of %d bytes done in %.1f s; %s%n", c.rank(), what, bytes, seconds,
                heap.summary());
        MPI.Finalize();
    }

    private static void refused(int rank, String what, Runnable call) {
        try {
            call.run();
            throw new AssertionError("rank " + rank + ": the " + what + " was not refused");
        } catch (MPIException e) {
            System.out.println("rank " + rank + ": " + what + " refused (error class " + e.getErrorClass() + "): "
                    + e.getMessage());
        }
    }

    /** Values that differ at every element and in every byte lane, so a chunk out of place shows. */
    static void fill(long[] a, int from) {
        for (int i = 0; i < a.length; i++) {
            a[i] = value(from + i);
        }
    }

    static void check(int rank, long[] a, int from) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != value(from + i)) {
                throw new AssertionError("rank " + rank + ": element " + i + " of " + a.length + " is " + a[i]);
            }
        }
    }

    private static long value(int i) {
        return i * 0x9E3779B97F4A7C15L;
    }
}
