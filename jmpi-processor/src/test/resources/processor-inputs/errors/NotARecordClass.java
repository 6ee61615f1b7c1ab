package demo;

import java.util.Map;
import java.util.Set;
import jmpi.op.Operation;
import jmpi.op.OperationContext;

@Operation
final class NotARecordClass implements OperationContext<Integer, Integer> {
    @Override
    public Map<Integer, Integer> apply(Map<Integer, Integer> src, Set<Integer> dst) {
        return Map.of();
    }
}
