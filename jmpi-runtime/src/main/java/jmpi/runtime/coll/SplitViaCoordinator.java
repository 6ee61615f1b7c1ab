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
 * Split (and Dup, Create, Split_type): members of one colour form a new communicator, ordered by key
 * and then by old rank; its id is decided here, so every member gets the same. {@code MPI.UNDEFINED}
 * gets none; {@link SplitCall#SAME_HOST} stands for the colour of the caller's host.
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
            if (color == SplitCall.SAME_HOST) {
                color = answers.hostOf(calls.worldRank(i));
            }
            if (color != MPI.UNDEFINED) {
                byColor.computeIfAbsent(color, k -> new ArrayList<>()).add(i);
            }
        }
        int[][] answer = new int[calls.size()][];
        for (List<Integer> idx : byColor.values()) {
            idx.sort(Comparator.<Integer>comparingInt(i -> ((SplitCall) calls.call(i)).key()).thenComparingInt(i -> i));
            create(calls, answers, idx, answer);
        }
        answerAll(calls, answers, answer);
    }

    /** A new communicator of these members, in this order: each one's answer is {@code [id, rank, world ranks…]}. */
    static void create(Gathered calls, Answers answers, List<Integer> idx, int[][] answer) {
        int[] world = idx.stream().mapToInt(calls::worldRank).toArray();
        int created = answers.newCommunicator(world);
        for (int k = 0; k < idx.size(); k++) {
            int[] a = new int[2 + world.length];
            a[0] = created;
            a[1] = k;
            System.arraycopy(world, 0, a, 2, world.length);
            answer[idx.get(k)] = a;
        }
    }

    /** Sends each member its answer; a member without one gets {@code [-1]}: no communicator. */
    static void answerAll(Gathered calls, Answers answers, int[][] answer) {
        for (int i = 0; i < calls.size(); i++) {
            answers.answer(calls, i, Reply.comm(calls.call(i).reqId(), answer[i] == null ? new int[] {-1} : answer[i]));
        }
    }
}
