package jmpi.runtime.coordinator;

import jmpi.runtime.wire.Frame;
import jmpi.runtime.wire.SharedParts;

/**
 * How the coordinator reaches one rank: a network connection, or a rank in this process. The
 * coordinator writes without flushing and flushes once per burst of work.
 */
interface RankPort {
    /** Queues a frame for the rank; the frame's references pass to the port, which releases them once written or dropped. */
    void write(Frame f);

    /** Sends what was queued. */
    void flush();

    /** Starts or stops reading the rank's calls (back-pressure). */
    void reading(boolean on);

    /** Whether the rank's connection has room for more; false while too much waits to be written. */
    boolean writable();

    /** Tells the rank why it is refused, then closes its connection. */
    void refuse(String why);

    /** Lets frames of this rank name parts in shared memory, with these rights. */
    void allowShared(SharedParts rights);

    /** Where the rank connects from, for logs. */
    String address();

    /** The IP address the rank connects from, or null when it is not on an IP network (in process, a broker). */
    default String host() {
        return null;
    }
}
