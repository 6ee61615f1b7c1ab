package jmpi.tests.programs;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * What a JVM's heap held: the most live data any collection left behind (what the program really kept),
 * the peak the heap pools reached (garbage included), and the direct buffers in use. Printed as
 * {@code heap max 256 MiB, live after GC max 40 MiB, peak 120 MiB, direct at GC max 18 MiB, 12 collections}.
 */
final class HeapWatch {
    private final AtomicLong maxLiveAfterGc = new AtomicLong();
    private final AtomicLong maxDirectAtGc = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();

    private HeapWatch() {
    }

    /** Starts listening to every collector; call it first thing in main. */
    static HeapWatch start() {
        HeapWatch w = new HeapWatch();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                    w.collected(GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()));
                }
            }, null, null);
        }
        return w;
    }

    private void collected(GarbageCollectionNotificationInfo info) {
        long live = 0;
        for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (isHeap(e.getKey())) {
                live += e.getValue().getUsed();
            }
        }
        collections.incrementAndGet();
        maxLiveAfterGc.accumulateAndGet(live, Math::max);
        maxDirectAtGc.accumulateAndGet(direct(), Math::max);
    }

    private static boolean isHeap(String pool) {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getName().equals(pool)) {
                return p.getType() == MemoryType.HEAP;
            }
        }
        return false;
    }

    /** Bytes of direct buffers now in use, where Netty keeps what waits to be written or read. */
    static long direct() {
        for (BufferPoolMXBean b : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (b.getName().equals("direct")) {
                return b.getMemoryUsed();
            }
        }
        return 0;
    }

    /** The sum of every heap pool's peak: an upper bound of what the heap ever held at once. */
    static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /**
     * One line: the heap's limit, the largest live set after a collection, the heap's peak, the most
     * direct memory in use at a collection, and how many collections there were.
     */
    String summary() {
        return "heap max " + mib(Runtime.getRuntime().maxMemory()) + " MiB, live after GC max "
                + mib(maxLiveAfterGc.get()) + " MiB, peak " + mib(peakHeap()) + " MiB, direct at GC max "
                + mib(Math.max(maxDirectAtGc.get(), direct())) + " MiB, " + collections.get() + " collections";
    }

    private static long mib(long bytes) {
        return bytes >> 20;
    }
}
