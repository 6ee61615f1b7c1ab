package jmpi.op;

import java.util.IntSummaryStatistics;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import jmpi.Comm;

/** The custom collective of {@link Operation}'s Javadoc, compiled here so that it stays true to the API. */
final class OperationSnippets {
    private OperationSnippets() {
    }

    // @start region="operation"
    @Operation
    record Spread() implements OperationContext<Integer, Integer> {     // every rank learns max - min
        @Override
        public Map<Integer, Integer> apply(Map<Integer, Integer> src, Set<Integer> dst) {
            IntSummaryStatistics all = src.values().stream().mapToInt(Integer::intValue).summaryStatistics();
            return dst.stream().collect(Collectors.toMap(Function.identity(), r -> all.getMax() - all.getMin()));
        }
    }

    static Integer spread(Comm comm, int value) {
        var everyone = CommunicationGroup.of(IntStream.range(0, comm.size()), IntStream.range(0, comm.size()));
        return comm.submit(OperationRequest.of(everyone, new Spread(), value)).waitFor();
    }
    // @end
}
