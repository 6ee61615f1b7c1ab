package demo.app;

import java.util.Map;
import java.util.Set;
import jmpi.op.CommunicationGroup;
import jmpi.op.Operation;
import jmpi.op.OperationContext;

@Operation
record Ping(int hops) implements OperationContext<String, String> {
    CommunicationGroup group(int size) {
        return CommunicationGroup.all(size);
    }

    @Override
    public Map<Integer, String> apply(Map<Integer, String> src, Set<Integer> dst) {
        return Map.of();
    }
}
