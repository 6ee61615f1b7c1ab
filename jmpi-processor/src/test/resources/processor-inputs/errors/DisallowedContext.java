package demo;

import java.util.Map;
import java.util.Set;
import jmpi.op.CommunicationGroup;
import jmpi.op.Operation;
import jmpi.op.OperationContext;

@Operation
record DisallowedContext(int x) implements OperationContext<Object, Integer> {
    CommunicationGroup group(int size) {
        return CommunicationGroup.all(size);
    }

    @Override
    public Map<Integer, Integer> apply(Map<Integer, Object> src, Set<Integer> dst) {
        return Map.of();
    }
}
