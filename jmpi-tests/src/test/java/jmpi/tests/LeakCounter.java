package jmpi.tests;

import io.netty.buffer.ByteBuf;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Netty's leak detector, keeping what it reports so that a test can fail on it instead of a log line
 * going by. Installed for the test JVM with {@code -Dio.netty.customResourceLeakDetector}.
 */
public final class LeakCounter<T> extends ResourceLeakDetector<T> {
    static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    public LeakCounter(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
    }

    /**
     * The constructor Netty looks for first: without it, Netty logs an error with a stack trace in every
     * test JVM before it takes the one above.
     */
    public LeakCounter(Class<?> resourceType, int samplingInterval, long maxActive) {
        this(resourceType, samplingInterval);
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        LEAKS.add(resourceType + " leaked:" + records);
        super.reportTracedLeak(resourceType, records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        LEAKS.add(resourceType + " leaked");
        super.reportUntracedLeak(resourceType);
    }

    /** Whether the detector is this one: a check that sees nothing must not be a check that cannot see. */
    static boolean installed() {
        return ResourceLeakDetectorFactory.instance().newResourceLeakDetector(ByteBuf.class) instanceof LeakCounter
                && ResourceLeakDetector.getLevel() == Level.PARANOID;
    }
}
