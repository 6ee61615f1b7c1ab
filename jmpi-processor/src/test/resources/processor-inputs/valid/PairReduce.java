package demo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import jmpi.Op;
import jmpi.op.CommunicationGroup;
import jmpi.op.Operation;
import jmpi.op.OperationContext;

/** Reduces neighbouring pairs of ranks; the results land on the even ranks. */
@Operation
public record PairReduce(Op op, Mode mode, List<Point> points) implements OperationContext<Integer, Integer> {
    public CommunicationGroup group(int size) {
        return CommunicationGroup.of(IntStream.range(0, size), IntStream.range(0, size).filter(r -> r % 2 == 0));
    }

    @Override
    public Map<Integer, Integer> apply(Map<Integer, Integer> src, Set<Integer> dst) {
        Map<Integer, Integer> out = new HashMap<>();
        for (int r : dst) {
            out.put(r, src.getOrDefault(r, 0) + src.getOrDefault(r + 1, 0));
        }
        return out;
    }
}
