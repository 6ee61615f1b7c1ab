package demo;

import java.util.Map;
import java.util.Set;
import jmpi.op.CommunicationGroup;
import jmpi.op.Operation;

@Operation
record NotAContext(int x) {
    CommunicationGroup group(int size) {
        return CommunicationGroup.all(size);
    }

    public Map<Integer, Integer> apply(Map<Integer, Integer> src, Set<Integer> dst) {
        return Map.of();
    }
}
