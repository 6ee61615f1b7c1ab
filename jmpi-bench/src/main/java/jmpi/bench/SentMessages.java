package jmpi.bench;

import java.lang.management.ManagementFactory;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * How many messages each rank of the one job running in this JVM has sent on its links to other
 * ranks: the runtime's JMX counters, which it registers when the system property {@value #PROPERTY}
 * is true (set before the job starts).
 */
final class SentMessages {
    static final String PROPERTY = "jmpi.jmx";

    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
    private final ObjectName[] byRank;

    private SentMessages(ObjectName[] byRank) {
        this.byRank = byRank;
    }

    /** The counters of the job of size ranks now running here; fails unless exactly one such job runs. */
    static SentMessages ofJob(int size) throws JMException {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = jmx.queryNames(new ObjectName("jmpi:type=Rank,*"), null);
        ObjectName[] byRank = new ObjectName[size];
        for (ObjectName n : names) {
            int rank = (Integer) jmx.getAttribute(n, "Rank");
            if ((Integer) jmx.getAttribute(n, "Size") != size || rank >= size || byRank[rank] != null) {
                throw new IllegalStateException("not one job of " + size + " ranks in this JVM: " + names);
            }
            byRank[rank] = n;
        }
        for (int r = 0; r < size; r++) {
            if (byRank[r] == null) {
                throw new IllegalStateException("rank " + r + " has no counters; is -D" + PROPERTY
                        + "=true set before the job starts? " + names);
            }
        }
        return new SentMessages(byRank);
    }

    /** Messages this rank has sent to other ranks so far, point-to-point and collective. */
    long of(int rank) {
        try {
            return (Long) jmx.getAttribute(byRank[rank], "MessagesSent");
        } catch (JMException e) {
            throw new IllegalStateException("rank " + rank + "'s counters: " + e, e);
        }
    }
}
