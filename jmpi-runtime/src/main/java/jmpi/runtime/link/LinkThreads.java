package jmpi.runtime.link;

/**
 * Which threads read or write a rank's peer links at the moment: the one that holds the routing lock,
 * and the writer. What they run (a collective's next step, a large send's next chunk) must never wait
 * for room, on a link or in shared memory, since the room comes from what they would read or write.
 */
final class LinkThreads {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private LinkThreads() {
    }

    static void enter() {
        DEPTH.get()[0]++;
    }

    static void leave() {
        DEPTH.get()[0]--;
    }

    /** Whether this thread is, now, one of the links' own. */
    static boolean busy() {
        return DEPTH.get()[0] > 0;
    }
}
