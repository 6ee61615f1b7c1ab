package jmpi.examples.ops;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import jmpi.Op;
import jmpi.op.CommunicationGroup;
import jmpi.op.Operation;
import jmpi.op.OperationContext;

/** pympi's example: neighbours reduce in pairs; the results land on the even ranks. */
@Operation
public record PairReduce(Op op) implements OperationContext<Integer, Integer> {

    /** Every rank sends; the even ranks receive. */
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
