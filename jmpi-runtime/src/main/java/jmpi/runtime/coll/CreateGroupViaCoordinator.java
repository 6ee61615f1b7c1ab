package jmpi.runtime.coll;

import java.util.ArrayList;
import java.util.List;
import jmpi.runtime.wire.Kind;

/**
 * Create_group: the group's members, in the group's order, form a new communicator, whose id is
 * decided here; the members are the matched calls' members already, in that order.
 */
final class CreateGroupViaCoordinator extends ViaCoordinator {
    CreateGroupViaCoordinator() {
        super(Kind.CREATE_GROUP);
    }

    @Override
    public void complete(Gathered calls, Answers answers) {
        List<Integer> everyone = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            everyone.add(i);
        }
        int[][] answer = new int[calls.size()][];
        SplitViaCoordinator.create(calls, answers, everyone, answer);
        SplitViaCoordinator.answerAll(calls, answers, answer);
    }
}
