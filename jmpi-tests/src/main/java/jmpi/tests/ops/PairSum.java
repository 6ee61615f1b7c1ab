package jmpi.tests.ops;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import jmpi.Op;
import jmpi.op.CommunicationGroup;
import jmpi.op.OperationContext;

/** pympi's example: neighbours reduce in pairs, results on even ranks. */
public record PairSum(Op op) implements OperationContext<Integer, Integer> {
    public CommunicationGroup group(int size) {
        return CommunicationGroup.of(IntStream.range(0, size), IntStream.range(0, size).filter(r -> r % 2 == 0));
    }

    @Override
    public Map<Integer, Integer> apply(Map<Integer, Integer> src, Set<Integer> dst) {
        Map<Integer, Integer> out = new HashMap<>();
        for (int d : dst) {
            Object v = src.get(d);
            if (src.containsKey(d + 1)) {
                v = op.apply(v, src.get(d + 1));
            }
            out.put(d, (Integer) v);
        }
        return out;
    }
}
