package jmpi.runtime.coll;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import jmpi.runtime.wire.Kind;

/**
 * Shrink: the members alive when the last of them called form a new communicator, in their old
 * order. The coordinator alone decides who that is, so every survivor gets the same one.
 */
final class ShrinkViaCoordinator extends ViaCoordinator {
    ShrinkViaCoordinator() {
        super(Kind.SHRINK);
    }

    @Override
    public void complete(Gathered calls, Answers answers) {
        // the members are the survivors, in the communicator's order
        List<Integer> all = IntStream.range(0, calls.size()).boxed().collect(Collectors.toList());
        int[][] answer = new int[calls.size()][];
        SplitViaCoordinator.create(calls, answers, all, answer);
        SplitViaCoordinator.answerAll(calls, answers, answer);
    }
}
