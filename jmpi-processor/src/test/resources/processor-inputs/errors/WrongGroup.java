package demo;

import java.util.List;
import java.util.Map;
import java.util.Set;
import jmpi.op.Operation;
import jmpi.op.OperationContext;

@Operation
record WrongGroup(int x) implements OperationContext<Integer, Integer> {
    List<Integer> group(int size) {
        return List.of();
    }

    @Override
    public Map<Integer, Integer> apply(Map<Integer, Integer> src, Set<Integer> dst) {
        return Map.of();
    }
}
