package jmpi.runtime.client;

import java.util.List;
import java.util.function.IntFunction;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.link.Link;
import jmpi.runtime.wire.AckCall;
import jmpi.runtime.wire.Call;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Reply;
import jmpi.runtime.wire.RevokeCall;
import jmpi.runtime.wire.SurvivorCall;

/**
 * Revoke, Agree, Shrink and the failures a rank knows of: what lets a program go on after a rank
 * died. The coordinator decides Agree and Shrink once, among the members alive, so every survivor
 * gets the same answer.
 */
final class FaultCalls {
    private final CommCore core;
    private final GroupCalls groups;

    FaultCalls(CommCore core, GroupCalls groups) {
        this.core = core;
        this.groups = groups;
    }

    void revoke() {
        core.checkUsable();
        if (core.faults().isRevoked()) {
            return;
        }
        call(reqId -> new RevokeCall(reqId, core.id()));
    }

    int agree(int flag) {
        core.checkUsable();
        int[] a = call(reqId -> new SurvivorCall(reqId, Kind.AGREE, core.id(),
                core.nextGroupSeq(SurvivorCall.GROUP), flag)).comm();
        // the rest of the answer names the members that took part: any other member has failed
        for (int w : core.members()) {
            if (!contains(a, 1, w)) {
                core.session().failures().rankFailed(w);
            }
        }
        return a[0];
    }

    Comm shrink() {
        core.checkUsable();
        return groups.newComm(reqId -> new SurvivorCall(reqId, Kind.SHRINK, core.id(),
                core.nextGroupSeq(SurvivorCall.GROUP), 0)).waitFor();
    }

    int ackFailed(int numToAck) {
        core.checkUsable();
        if (numToAck < 0) {
            throw new MPIException(MPI.ERR_ARG, "Ack_failed needs a count of 0 or more, not " + numToAck);
        }
        int acked = core.faults().ack(numToAck);
        // the coordinator matches the receives of its path: it learns which failures they may pass over
        int[] failed = core.faults().failedMembers().stream().limit(acked).mapToInt(Integer::intValue).toArray();
        call(reqId -> new AckCall(reqId, core.id(), failed));
        return acked;
    }

    int[] failedRanks() {
        core.checkUsable();
        List<Integer> failed = core.faults().failedMembers();
        return failed.stream().mapToInt(w -> core.faults().rankOf(w)).toArray();
    }

    /** Sends one call to the coordinator and waits for its answer; an error answer is thrown. */
    private Reply call(IntFunction<Call> maker) {
        FutureRequest<Reply> r = new FutureRequest<>();
        Link link = core.conn();
        r.drivenBy(link);
        int reqId = link.nextId();
        link.send(maker.apply(reqId), reqId, reply -> {
            if (reply.status() != Reply.OK) {
                r.fail(reply.error().toException());
            } else {
                r.complete(reply, null);
            }
        });
        return r.waitFor();
    }

    private static boolean contains(int[] a, int from, int v) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }
}
