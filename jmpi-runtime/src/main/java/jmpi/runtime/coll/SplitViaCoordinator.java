package jmpi.runtime.coll;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jmpi.MPI;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Reply;
import jmpi.runtime.wire.SplitCall;

/**
 * Split (and Dup): members of one colour form a new communicator, ordered by key and then by old
 * rank; its id is decided here, so every member gets the same. {@code MPI.UNDEFINED} gets none.
 */
final class SplitViaCoordinator extends ViaCoordinator {
    SplitViaCoordinator() {
        super(Kind.SPLIT);
    }

    @Override
    public void complete(Gathered calls, Answers answers) {
        Map<Integer, List<Integer>> byColor = new TreeMap<>();
        for (int i = 0; i < calls.size(); i++) {
            int color = ((SplitCall) calls.call(i)).color();
            if (color != MPI.UNDEFINED) {
                byColor.computeIfAbsent(color, k -> new ArrayList<>()).add(i);
            }
        }
        int[][] answer = new int[calls.size()][];
        for (List<Integer> idx : byColor.values()) {
            idx.sort(Comparator.<Integer>comparingInt(i -> ((SplitCall) calls.call(i)).key()).thenComparingInt(i -> i));
            created(calls, answers, idx, answer);
        }
        for (int i = 0; i < calls.size(); i++) {
            answers.answer(calls, i, Reply.comm(calls.call(i).reqId(), answer[i] == null ? new int[] {-1} : answer[i]));
        }
    }

    /**
     * Creates the communicator of these members, in this order, and puts each one's answer in
     * answer: the new id, its rank there, then every member's world rank.
     */
    static void created(Gathered calls, Answers answers, List<Integer> members, int[][] answer) {
        int[] world = members.stream().mapToInt(calls::worldRank).toArray();
        int created = answers.newCommunicator(world);
        for (int k = 0; k < members.size(); k++) {
            int[] a = new int[2 + world.length];
            a[0] = created;
            a[1] = k;
            System.arraycopy(world, 0, a, 2, world.length);
            answer[members.get(k)] = a;
        }
    }
}
