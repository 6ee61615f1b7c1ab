package jmpi.runtime.coordinator;

import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.ProcessFailedException;
import jmpi.runtime.coll.Answers;
import jmpi.runtime.coll.CollectiveTable;
import jmpi.runtime.wire.CustomCall;
import jmpi.runtime.wire.ErrorInfo;
import jmpi.runtime.wire.MatchedCall;
import jmpi.runtime.wire.Reply;

/**
 * Matches the calls of operations that every member makes (collectives, custom operations, split):
 * by communicator, group and sequence number. Once every member's call is in, the members must agree
 * on what they called, and the kind's coordinator algorithm ({@link CollectiveTable}) answers them.
 */
final class OpMatcher {
    /** Identifies one operation: communicator, group (empty for the whole communicator), number. */
    record Key(int comm, String group, long seq) {
    }

    private final Map<Key, Pending> pending = new HashMap<>();
    private final Answers answers;
    private final Replies replies;

    OpMatcher(Answers answers, Replies replies) {
        this.answers = answers;
        this.replies = replies;
    }

    /** Takes a member's call; throws an MPIException for this caller alone when the call is wrong. */
    void call(Job job, int rank, CommInfo ci, MatchedCall c) {
        int[] members = c instanceof CustomCall cc ? groupMembers(ci, cc) : ci.members;
        for (int m : members) {
            if (job.failed[m]) {
                throw new ProcessFailedException(m, "rank " + m + " failed");
            }
        }
        Key key = new Key(ci.id, c.group(), c.seq());
        Pending p = pending.get(key);
        if (p == null) {
            p = new Pending(ci, members);
        }
        int idx = p.indexOf(rank);
        if (idx < 0) {
            throw new MPIException(MPI.ERR_RANK, "rank " + rank + " called " + c.signature() + " but is not one of its ranks");
        }
        if (p.calls[idx] != null) {
            throw new MPIException(MPI.ERR_INTERN, "rank " + rank + " sent collective " + c.seq() + " twice");
        }
        // kept past this read: the caller releases the call's reference, the operation holds its own
        p.calls[idx] = (MatchedCall) c.retain();
        p.arrived++;
        pending.put(key, p);
        if (p.complete()) {
            pending.remove(key);
            try {
                complete(p);
            } finally {
                p.release();
            }
        }
    }

    /** The world ranks of a custom operation's sources and destinations, in rank order. */
    private static int[] groupMembers(CommInfo ci, CustomCall c) {
        TreeSet<Integer> all = new TreeSet<>();
        for (int r : c.src()) {
            all.add(ci.checkRank(r));
        }
        for (int r : c.dst()) {
            all.add(ci.checkRank(r));
        }
        return all.stream().mapToInt(r -> ci.members[r]).toArray();
    }

    private void complete(Pending p) {
        MatchedCall first = p.calls[0];
        for (MatchedCall c : p.calls) {
            if (!c.agreesWith(first)) {
                failAll(p, ErrorInfo.mpi(MPI.ERR_OTHER, "collective mismatch: ranks called " + first.signature()
                        + " and " + c.signature() + " as operation " + first.seq() + " of the communicator"));
                return;
            }
        }
        try {
            CollectiveTable.viaCoordinator(first.kind()).complete(p, answers);
        } catch (RuntimeException e) {
            failAll(p, ErrorInfo.of(e));
        }
    }

    private void failAll(Pending p, ErrorInfo e) {
        for (int i = 0; i < p.members.length; i++) {
            if (p.calls[i] != null) {
                replies.reply(p.members[i], Reply.error(p.calls[i].reqId(), e));
            }
        }
    }

    /** Fails every operation the dead rank is a member of, on the members that called it. */
    void failRank(int rank, ErrorInfo e) {
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.involves(rank)) {
                it.remove();
                failAll(p, e);
                p.release();
            }
        }
    }

    /**
     * Fails every operation that has waited since before cutoff (System.nanoTime), on the members that
     * called it, with the error why gives for it.
     */
    void failOlderThan(long cutoff, java.util.function.Function<Pending, ErrorInfo> why) {
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.since - cutoff < 0) {
                it.remove();
                failAll(p, why.apply(p));
                p.release();
            }
        }
    }

    /** Drops every waiting operation, with the payloads it holds. */
    void releaseAll() {
        for (Pending p : pending.values()) {
            p.release();
        }
        pending.clear();
    }

    /** The operations that wait for members, for the roll-call. */
    Map<Key, Pending> waiting() {
        return Collections.unmodifiableMap(pending);
    }
}
