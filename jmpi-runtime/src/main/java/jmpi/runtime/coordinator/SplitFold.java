package jmpi.runtime.coordinator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jmpi.MPI;
import jmpi.runtime.wire.Reply;
import jmpi.runtime.wire.SplitCall;

/**
 * Split (and Dup): members of one colour form a new communicator, ordered by key and then by old
 * rank; its id is decided here, so every member gets the same. {@code MPI.UNDEFINED} gets none.
 */
final class SplitFold implements Fold {
    @Override
    public void complete(Pending p, FoldContext ctx) {
        Map<Integer, List<Integer>> byColor = new TreeMap<>();
        for (int i = 0; i < p.members.length; i++) {
            int color = ((SplitCall) p.calls[i]).color();
            if (color != MPI.UNDEFINED) {
                byColor.computeIfAbsent(color, k -> new ArrayList<>()).add(i);
            }
        }
        int[][] answer = new int[p.members.length][];
        for (List<Integer> idx : byColor.values()) {
            idx.sort(Comparator.<Integer>comparingInt(i -> ((SplitCall) p.calls[i]).key()).thenComparingInt(i -> i));
            int[] world = idx.stream().mapToInt(i -> p.comm.members[i]).toArray();
            CommInfo created = ctx.comms().create(world);
            for (int k = 0; k < idx.size(); k++) {
                int[] a = new int[2 + world.length];
                a[0] = created.id;
                a[1] = k;
                System.arraycopy(world, 0, a, 2, world.length);
                answer[idx.get(k)] = a;
            }
        }
        for (int i = 0; i < p.members.length; i++) {
            ctx.reply(p.members[i], Reply.comm(p.calls[i].reqId(), answer[i] == null ? new int[] {-1} : answer[i]));
        }
    }
}
