package jmpi.runtime.coordinator;

import java.util.Arrays;
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
import jmpi.runtime.wire.CreateGroupCall;
import jmpi.runtime.wire.CustomCall;
import jmpi.runtime.wire.ErrorInfo;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.MatchedCall;
import jmpi.runtime.wire.Reply;

/**
 * Matches the calls of operations that every member makes (collectives, custom operations, split,
 * creation over a group):
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
        boolean survivors = c.kind().category() == Kind.Category.SURVIVORS;
        int[] members = c instanceof CustomCall cc ? groupMembers(ci, cc)
                : c instanceof CreateGroupCall g ? creationMembers(ci, g) : survivors ? alive(job, ci.members) : ci.members;
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
        waitOrComplete(key, p);
    }

    private void waitOrComplete(Key key, Pending p) {
        if (p.arrived == 0) {
            // only the dead had called: nobody waits, whoever calls next starts it anew
            pending.remove(key);
            return;
        }
        if (!p.complete()) {
            pending.put(key, p);
            return;
        }
        pending.remove(key);
        try {
            complete(p);
        } finally {
            p.release();
        }
    }

    private static int[] alive(Job job, int[] members) {
        return Arrays.stream(members).filter(m -> !job.failed[m]).toArray();
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

    /** The world ranks of a {@code Create_group}'s members, in the new communicator's order, each once. */
    private static int[] creationMembers(CommInfo ci, CreateGroupCall c) {
        int[] world = new int[c.ranks().length];
        TreeSet<Integer> seen = new TreeSet<>();
        for (int i = 0; i < world.length; i++) {
            if (!seen.add(ci.checkRank(c.ranks()[i]))) {
                throw new MPIException(MPI.ERR_GROUP, "Create_group names rank " + c.ranks()[i] + " twice");
            }
            world[i] = ci.members[c.ranks()[i]];
        }
        return world;
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

    /**
     * Fails every operation the dead rank is a member of, on the members that called it; an
     * operation of the survivors goes on without it, and completes if it waited only for it.
     */
    void failRank(int rank, ErrorInfo e) {
        Map<Key, Pending> without = new HashMap<>();
        for (Iterator<Map.Entry<Key, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Pending> entry = it.next();
            Pending p = entry.getValue();
            if (!p.involves(rank)) {
                continue;
            }
            it.remove();
            if (p.firstArrived().kind().category() == Kind.Category.SURVIVORS) {
                without.put(entry.getKey(), p.without(rank));
            } else {
                failAll(p, e);
                p.release();
            }
        }
        without.forEach(this::waitOrComplete);
    }

    /** Revoked: every operation of the communicator fails but those of the survivors, which work on it still. */
    void failComm(int comm, ErrorInfo e) {
        for (Iterator<Map.Entry<Key, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Pending> entry = it.next();
            Pending p = entry.getValue();
            if (entry.getKey().comm() == comm && p.firstArrived().kind().category() != Kind.Category.SURVIVORS) {
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
