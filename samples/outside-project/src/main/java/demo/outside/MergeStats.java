package demo.outside;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import jmpi.op.CommunicationGroup;
import jmpi.op.Operation;
import jmpi.op.OperationContext;

/** Every rank's stats, merged in rank order, for the root alone. */
@Operation
public record MergeStats(int root) implements OperationContext<Stats, Stats> {

    /** Every rank sends; the root receives. */
    public CommunicationGroup group(int size) {
        return CommunicationGroup.of(IntStream.range(0, size), IntStream.of(root));
    }

    @Override
    public Map<Integer, Stats> apply(Map<Integer, Stats> src, Set<Integer> dst) {
        Stats all = Stats.EMPTY;
        for (int r = 0; r < src.size(); r++) {
            all = all.merge(src.get(r));
        }
        Map<Integer, Stats> out = new HashMap<>();
        for (int d : dst) {
            out.put(d, all);
        }
        return out;
    }
}
