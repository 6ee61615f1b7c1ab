package jmpi.examples.ops;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import jmpi.op.CommunicationGroup;
import jmpi.op.Operation;
import jmpi.op.OperationContext;

/**
 * The k best items across every rank, in one step: each rank sends its candidates, the coordinator
 * keeps the k highest scores (ties by label) and every rank receives the same list. Plain MPI would
 * need a gather of variable-length data and a broadcast.
 */
@Operation
public record TopK(int k) implements OperationContext<List<Scored>, List<Scored>> {

    /** Every rank sends and receives. */
    public CommunicationGroup group(int size) {
        return CommunicationGroup.of(IntStream.range(0, size), IntStream.range(0, size));
    }

    @Override
    public Map<Integer, List<Scored>> apply(Map<Integer, List<Scored>> src, Set<Integer> dst) {
        List<Scored> all = new ArrayList<>();
        src.values().forEach(all::addAll);
        all.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::label));
        List<Scored> best = List.copyOf(all.subList(0, Math.min(k, all.size())));
        Map<Integer, List<Scored>> out = new HashMap<>();
        for (int d : dst) {
            out.put(d, new ArrayList<>(best));
        }
        return out;
    }
}
