package demo;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import jmpi.op.CommunicationGroup;
import jmpi.op.Operation;
import jmpi.op.OperationContext;

@Operation
record FunctionComponent(
        int count,
        Function<Integer, Integer> fn) implements OperationContext<Integer, Integer> {
    CommunicationGroup group(int size) {
        return CommunicationGroup.all(size);
    }

    @Override
    public Map<Integer, Integer> apply(Map<Integer, Integer> src, Set<Integer> dst) {
        return Map.of();
    }
}
