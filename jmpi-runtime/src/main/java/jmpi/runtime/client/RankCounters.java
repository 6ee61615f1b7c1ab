package jmpi.runtime.client;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.ObjectName;
import jmpi.Config;
import jmpi.runtime.p2p.DataPlane;

/**
 * A rank's counters as a JMX MBean, {@code jmpi:type=Rank,session=<n>,rank=<r>}, registered only when
 * the system property {@value #PROPERTY} is {@code true}: for benchmarks and tests that count what
 * went rank to rank, and for a JMX console, without a word of it in the API. Dynamic, so that the
 * platform's MBean server calls it through {@link DynamicMBean} and needs no access to this package.
 */
final class RankCounters implements DynamicMBean {
    static final String PROPERTY = "jmpi.jmx";
    private static final String MESSAGES_SENT = "MessagesSent";
    private static final AtomicLong SESSIONS = new AtomicLong();
    private static final System.Logger LOG = System.getLogger(RankCounters.class.getName());

    private final int rank;
    private final int size;
    /** The rank's links to its peers, or null when its messages go through the coordinator. */
    private final DataPlane data;
    private final ObjectName name;

    private RankCounters(Config config, DataPlane data, ObjectName name) {
        this.rank = config.rank();
        this.size = config.size();
        this.data = data;
        this.name = name;
    }

    /** Registers a rank's counters if the property asks for them; returns what to unregister, or null. */
    static RankCounters register(Config config, DataPlane data) {
        if (!Boolean.getBoolean(PROPERTY)) {
            return null;
        }
        try {
            ObjectName name = new ObjectName("jmpi:type=Rank,session=" + SESSIONS.incrementAndGet()
                    + ",rank=" + config.rank());
            RankCounters c = new RankCounters(config, data, name);
            ManagementFactory.getPlatformMBeanServer().registerMBean(c, name);
            return c;
        } catch (JMException e) {
            // counters are a diagnosis: the rank runs without them
            LOG.log(System.Logger.Level.WARNING, "cannot register the rank's counters: " + e);
            return null;
        }
    }

    void unregister() {
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (JMException e) {
            LOG.log(System.Logger.Level.DEBUG, "the rank's counters were gone already: " + e);
        }
    }

    @Override
    public Object getAttribute(String attribute) throws AttributeNotFoundException {
        return switch (attribute) {
            case "Rank" -> rank;
            case "Size" -> size;
            case MESSAGES_SENT -> data == null ? 0L : data.messagesSent();
            default -> throw new AttributeNotFoundException(attribute);
        };
    }

    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException(attribute.getName() + " is read-only");
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
        AttributeList list = new AttributeList();
        for (String a : attributes) {
            try {
                list.add(new Attribute(a, getAttribute(a)));
            } catch (AttributeNotFoundException e) {
                // JMX's contract: unknown names are left out
            }
        }
        return list;
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public Object invoke(String action, Object[] params, String[] signature) {
        throw new UnsupportedOperationException(action + ": the rank's counters have no operations");
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        return new MBeanInfo(RankCounters.class.getName(), "A jmpi rank", new MBeanAttributeInfo[] {
            new MBeanAttributeInfo("Rank", "int", "the rank in its job", true, false, false),
            new MBeanAttributeInfo("Size", "int", "the ranks of its job", true, false, false),
            new MBeanAttributeInfo(MESSAGES_SENT, "long", "messages this rank sent on its links to other ranks,"
                    + " point-to-point and collective; 0 when its messages go through the coordinator",
                    true, false, false)}, null, null, null);
    }
}
