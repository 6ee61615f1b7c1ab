package jmpi.tests.ops;

import java.util.Map;
import java.util.Set;
import jmpi.op.CommunicationGroup;
import jmpi.op.OperationContext;

/** An operation whose apply throws, as in pympi's exception test. */
public record Failing(String message) implements OperationContext<Integer, Integer> {
    public CommunicationGroup group(int size) {
        return CommunicationGroup.all(size);
    }

    @Override
    public Map<Integer, Integer> apply(Map<Integer, Integer> src, Set<Integer> dst) {
        throw new IllegalStateException(message);
    }
}
