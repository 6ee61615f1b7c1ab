package jmpi.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Peak memory of this process: resident set from the kernel, heap from the JVM's memory pools, and
 * the proportional set size sampled while a measurement runs.
 */
final class Memory {
    private Memory() {
    }

    /**
     * This process's proportional set size in bytes: its private pages, plus each shared page divided
     * by the number of processes that map it; -1 where unknown. Ranks on one host map each other's
     * shared-memory segments, which the resident set counts in full in every one of them.
     */
    static long pss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or an unexpected format: report the figure as unknown
        }
        return -1;
    }

    /** Samples {@link #pss()} every period until closed; the kernel keeps no peak of it. */
    static final class PssPeak implements AutoCloseable {
        private final Thread sampler;
        private volatile boolean done;
        private volatile long peak = -1;

        PssPeak(Duration period) {
            sampler = new Thread(() -> {
                while (!done) {
                    sample();
                    LockSupport.parkNanos(period.toNanos());
                }
            }, "pss-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        private void sample() {
            long v = pss();
            if (v > peak) {
                peak = v;
            }
        }

        /** The largest sample, the last one taken at close included; -1 where unknown. */
        long peak() {
            return peak;
        }

        @Override
        public void close() {
            done = true;
            LockSupport.unpark(sampler);
            try {
                sampler.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sample();
        }
    }

    /** Peak resident set size in bytes (VmHWM, over the whole process life), or -1 where unknown. */
    static long peakRss() {
        return status("VmHWM:");
    }

    /** Resident set size now, in bytes (VmRSS), or -1 where unknown. */
    static long rss() {
        return status("VmRSS:");
    }

    /** A size in /proc/self/status, in bytes, or -1 where unknown. */
    private static long status(String field) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
            for (String line : lines) {
                if (line.startsWith(field)) {
                    String[] f = line.substring(field.length()).trim().split("\\s+");
                    return Long.parseLong(f[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or an unexpected format: report the figure as unknown
        }
        return -1;
    }

    /**
     * Sum of the heap pools' peak usage since the last {@link #resetHeapPeaks()}. The pools peak at
     * different moments, so this is an upper bound of the heap's true peak.
     */
    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid() && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Starts the heap peaks afresh, so that set-up before a measurement does not count. */
    static void resetHeapPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                pool.resetPeakUsage();
            }
        }
    }
}
