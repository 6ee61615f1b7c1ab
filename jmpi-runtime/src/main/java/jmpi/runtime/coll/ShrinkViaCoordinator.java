package jmpi.runtime.coll;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Reply;

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
        SplitViaCoordinator.created(calls, answers, all, answer);
        for (int i = 0; i < calls.size(); i++) {
            answers.answer(calls, i, Reply.comm(calls.call(i).reqId(), answer[i]));
        }
    }
}
