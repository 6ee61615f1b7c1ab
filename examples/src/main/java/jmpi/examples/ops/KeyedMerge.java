package jmpi.examples.ops;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import jmpi.op.CommunicationGroup;
import jmpi.op.Operation;
import jmpi.op.OperationContext;

/**
 * A keyed merge (a shuffle with a reduction): every rank sends counts by key; the coordinator adds
 * the counts of equal keys and gives each rank the keys it owns (by hash). Plain MPI would need an
 * all-to-all of variable-length, serialized maps and a local merge on every rank.
 */
@Operation
public record KeyedMerge(Mode mode) implements OperationContext<Map<String, Long>, Map<String, Long>> {

    /** How counts of the same key combine. */
    public enum Mode { SUM, MAX }

    /** Every rank sends and receives. */
    public CommunicationGroup group(int size) {
        return CommunicationGroup.of(IntStream.range(0, size), IntStream.range(0, size));
    }

    /** The rank among owners that owns key. */
    public static int owner(String key, int owners) {
        return Math.floorMod(key.hashCode(), owners);
    }

    @Override
    public Map<Integer, Map<String, Long>> apply(Map<Integer, Map<String, Long>> src, Set<Integer> dst) {
        Map<String, Long> merged = new TreeMap<>();
        for (Map<String, Long> part : src.values()) {
            part.forEach((key, v) -> merged.merge(key, v, mode == Mode.SUM ? Long::sum : Long::max));
        }
        List<Integer> owners = List.copyOf(dst);
        Map<Integer, Map<String, Long>> out = new HashMap<>();
        for (int d : owners) {
            out.put(d, new TreeMap<>());
        }
        merged.forEach((key, v) -> out.get(owners.get(owner(key, owners.size()))).put(key, v));
        return out;
    }
}
