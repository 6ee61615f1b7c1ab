package jmpi.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** The Iops workload: which message sizes are sent, in which order, and what the messages hold. */
final class Workload {
    /** Largest size exponent: a Java array holds fewer than 2^31 elements. */
    static final int MAX_EXPONENT = 30;

    private Workload() {
    }

    /**
     * Message sizes in bytes. Stepping from 2^minSize towards 2^maxSize by stepSize exponents (no steps
     * when stepSize is 0), each size 2^i appears round((2^maxSize / 2^i)^stepExpo) times, so that
     * smaller messages are more numerous; one message of 2^maxSize always follows. The whole list is
     * repeated reps times and shuffled with the given seed.
     */
    static List<Integer> sizes(int minSize, int stepSize, int maxSize, double stepExpo, int reps, long seed) {
        checkExponent("--max-size", maxSize);
        if (reps < 0) {
            throw new IllegalArgumentException("--reps must not be negative, not " + reps);
        }
        List<Integer> once = new ArrayList<>();
        if (stepSize != 0) {
            // the half-open range of Python's range(minSize, maxSize, stepSize), either direction
            for (int i = minSize; stepSize > 0 ? i < maxSize : i > maxSize; i += stepSize) {
                checkExponent("a stepped size (--min-size)", i);
                double splits = Math.rint(Math.pow(Math.pow(2, maxSize - i), stepExpo));
                if (!(splits >= 0) || splits > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("2^" + i + " would be sent " + splits + " times");
                }
                for (long j = 0; j < (long) splits; j++) {
                    once.add(1 << i);
                }
            }
        }
        once.add(1 << maxSize);
        long total = (long) once.size() * reps;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(total + " messages are too many");
        }
        List<Integer> all = new ArrayList<>((int) total);
        for (int r = 0; r < reps; r++) {
            all.addAll(once);
        }
        Collections.shuffle(all, new Random(seed));
        return all;
    }

    /** A message of n bytes: 0, 1, 2, … wrapping at 256. */
    static byte[] contents(int n) {
        byte[] b = new byte[n];
        for (int k = 0; k < n; k++) {
            b[k] = (byte) k;
        }
        return b;
    }

    /**
     * Splits a message into parts of nearly equal length: the first length % parts pieces are one byte
     * longer than the rest, so that every byte is sent exactly once.
     */
    static List<byte[]> split(byte[] message, int parts) {
        int base = message.length / parts;
        int longer = message.length % parts;
        List<byte[]> out = new ArrayList<>(parts);
        int from = 0;
        for (int p = 0; p < parts; p++) {
            int len = base + (p < longer ? 1 : 0);
            byte[] part = new byte[len];
            System.arraycopy(message, from, part, 0, len);
            out.add(part);
            from += len;
        }
        return out;
    }

    /**
     * The message as a send buffer for {@code Alltoall}, which needs equal chunks: zero-padded up to
     * a multiple of parts bytes (a power-of-two message among a power-of-two number of ranks needs none).
     */
    static byte[] padded(byte[] message, int parts) {
        int chunk = (message.length + parts - 1) / parts;
        if (chunk * parts == message.length) {
            return message;
        }
        byte[] out = new byte[chunk * parts];
        System.arraycopy(message, 0, out, 0, message.length);
        return out;
    }

    private static void checkExponent(String what, int e) {
        if (e < 0 || e > MAX_EXPONENT) {
            throw new IllegalArgumentException(what + " is an exponent of 2 between 0 and " + MAX_EXPONENT
                    + " (a Java array holds fewer than 2^31 bytes), not " + e);
        }
    }
}
