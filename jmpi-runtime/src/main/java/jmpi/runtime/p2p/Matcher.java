package jmpi.runtime.p2p;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;
import jmpi.MPI;
import jmpi.runtime.wire.Parts;

/**
 * Point-to-point matching at the receiving rank, per communicator context: messages that arrived
 * before their receive wait in arrival order, receives posted before their message wait in posting
 * order, which gives MPI's non-overtaking rule. Probes see a message and leave it. The lock is held
 * only to match; what a match sets off runs after it is let go.
 */
final class Matcher {
    /** A receive or probe waiting for its message. */
    static final class Posted {
        final int source;
        final int tag;
        final boolean probe;
        /** Whether a failure of this world rank fails the wait (its source, or any member for ANY_SOURCE). */
        final IntPredicate waitsOn;
        final Delivery delivery;
        /** What waits, in words, for a collective's step; null for a receive or probe, which says itself. */
        final String what;
        /** The world ranks of the communicator, and the one whose message this waits for (-1: any): for JMPI_OP_TIMEOUT's message. */
        final int[] members;
        final int fromWorld;
        /** When it was posted (System.nanoTime()), for JMPI_OP_TIMEOUT. */
        final long since = System.nanoTime();
        /** Whether JMPI_OP_TIMEOUT has taken it up; guarded by the matcher. */
        private boolean overdue;

        @Override
        public String toString() {
            if (what != null) {
                return what;
            }
            return (probe ? "probe" : "recv") + "(source " + (source == MPI.ANY_SOURCE ? "any" : source) + ", tag "
                    + (tag == MPI.ANY_TAG ? "any" : tag) + ")";
        }

        /** What waits, with its communicator (labels name it): a collective's step names itself whole. */
        String describe(long context, CommLabels labels) {
            return what != null ? what : this + " on communicator " + labels.of((int) (context >> 1));
        }

        Posted(int source, int tag, boolean probe, IntPredicate waitsOn, Delivery delivery, int[] members,
                int fromWorld) {
            this(source, tag, probe, waitsOn, delivery, null, members, fromWorld);
        }

        Posted(int source, int tag, boolean probe, IntPredicate waitsOn, Delivery delivery, String what,
                int[] members, int fromWorld) {
            this.what = what;
            this.source = source;
            this.tag = tag;
            this.probe = probe;
            this.waitsOn = waitsOn;
            this.delivery = delivery;
            this.members = members;
            this.fromWorld = fromWorld;
        }
    }

    /** A posted wait and the context it waits in. */
    record Waiting(long context, Posted posted) {
    }

    /** What a match hands on: a receive takes the message (and its payload), a probe only looks at it. */
    interface Delivery {
        void matched(Arrived m);

        void failed(Throwable why);
    }

    private static final class Box {
        final ArrayDeque<Arrived> unexpected = new ArrayDeque<>();
        final List<Posted> posted = new ArrayList<>();
    }

    private final Map<Long, Box> boxes = new HashMap<>();
    private final CommLabels labels;
    /** Bytes of messages that wait for their receive, by the world rank that sent them. */
    private final Map<Integer, Long> held = new HashMap<>();

    private final IntConsumer taken;

    Matcher(CommLabels labels) {
        this(labels, fromWorld -> { });
    }

    /** taken: told of a world rank whose waiting messages were taken or withdrawn, once the lock is let go. */
    Matcher(CommLabels labels, IntConsumer taken) {
        this.labels = labels;
        this.taken = taken;
    }

    /** What a wait is, with its communicator's name. */
    String describe(Waiting w) {
        return w.posted().describe(w.context(), labels);
    }

    private Box box(long context) {
        return boxes.computeIfAbsent(context, k -> new Box());
    }

    static boolean matches(int wantSource, int wantTag, int source, int tag) {
        return (wantSource == MPI.ANY_SOURCE || wantSource == source) && (wantTag == MPI.ANY_TAG || wantTag == tag);
    }

    /**
     * A message arrived: the first matching receive takes it, the probes before that receive see it;
     * otherwise it waits. Returns what to run once the lock is let go.
     */
    List<Runnable> arrived(long context, Arrived m) {
        List<Runnable> then = new ArrayList<>(1);
        synchronized (this) {
            Box b = box(context);
            for (Iterator<Posted> it = b.posted.iterator(); it.hasNext(); ) {
                Posted p = it.next();
                if (matches(p.source, p.tag, m.source(), m.tag())) {
                    it.remove();
                    then.add(() -> p.delivery.matched(m));
                    if (!p.probe) {
                        return then;
                    }
                }
            }
            b.unexpected.addLast(m);
            held.merge(m.fromWorld(), bytes(m), Long::sum);
        }
        return then;
    }

    /** Posts a receive or probe: the first matching message that waits is taken (or seen) now, or it waits. */
    Runnable post(long context, Posted p) {
        synchronized (this) {
            Box b = box(context);
            for (Iterator<Arrived> it = b.unexpected.iterator(); it.hasNext(); ) {
                Arrived m = it.next();
                if (matches(p.source, p.tag, m.source(), m.tag())) {
                    if (!p.probe) {
                        it.remove();
                        held.merge(m.fromWorld(), -bytes(m), Long::sum);
                        return () -> {
                            taken.accept(m.fromWorld());
                            p.delivery.matched(m);
                        };
                    }
                    return () -> p.delivery.matched(m);
                }
            }
            b.posted.add(p);
        }
        return null;
    }

    private static long bytes(Arrived m) {
        return Parts.readable(m.parts());
    }

    /** Bytes of the messages from this world rank that wait for their receive. */
    synchronized long heldFrom(int worldRank) {
        return held.getOrDefault(worldRank, 0L);
    }

    /** The envelope of the first matching message that waits, or null: an iprobe. */
    synchronized Arrived peek(long context, int source, int tag) {
        Box b = boxes.get(context);
        if (b != null) {
            for (Arrived m : b.unexpected) {
                if (matches(source, tag, m.source(), m.tag())) {
                    return m;
                }
            }
        }
        return null;
    }

    /**
     * Takes back a message from fromWorld that its sender withdraws (its ssend's number, or its
     * offer's): true if no receive had taken it, and it is gone with its bytes; false if one had.
     */
    boolean withdraw(int fromWorld, int id, boolean offer) {
        Arrived gone = null;
        synchronized (this) {
            for (Map.Entry<Long, Box> e : boxes.entrySet()) {
                if ((e.getKey() & 1) != 0) {
                    continue; // a collective's messages are never withdrawn
                }
                for (Iterator<Arrived> it = e.getValue().unexpected.iterator(); it.hasNext() && gone == null; ) {
                    Arrived m = it.next();
                    if (m.fromWorld() == fromWorld && m.syncId() == id && m.isOffer() == offer) {
                        it.remove();
                        held.merge(fromWorld, -bytes(m), Long::sum);
                        gone = m;
                    }
                }
            }
        }
        if (gone != null) {
            gone.release();
            taken.accept(fromWorld);
        }
        return gone != null;
    }

    /** Takes back a posted receive or probe; false if it has matched already. */
    synchronized boolean cancel(long context, Posted p) {
        Box b = boxes.get(context);
        return b != null && b.posted.remove(p);
    }

    /** A world rank failed (every rank, for -1): each wait that depends on it is taken back and returned, to be failed. */
    synchronized List<Posted> failed(int worldRank) {
        List<Posted> gone = new ArrayList<>();
        for (Box b : boxes.values()) {
            for (Iterator<Posted> it = b.posted.iterator(); it.hasNext(); ) {
                Posted p = it.next();
                if (worldRank < 0 || p.waitsOn.test(worldRank)) {
                    it.remove();
                    gone.add(p);
                }
            }
        }
        return gone;
    }

    /** A communicator was revoked: every wait in its contexts is taken back and returned, to be failed. */
    synchronized List<Posted> failedComm(int comm) {
        List<Posted> gone = new ArrayList<>();
        for (long context : new long[] {DataPlane.context(comm, false), DataPlane.context(comm, true)}) {
            Box b = boxes.get(context);
            if (b != null) {
                gone.addAll(b.posted);
                b.posted.clear();
            }
        }
        return gone;
    }

    /** Every posted receive and probe, with its communicator and how long it has waited: what this rank waits for here. */
    synchronized List<String> waits() {
        long now = System.nanoTime();
        List<String> lines = new ArrayList<>();
        boxes.forEach((context, b) -> b.posted.forEach(p -> lines.add(p.describe(context, labels) + " for "
                + (now - p.since) / 1_000_000 + " ms")));
        return lines;
    }

    /** The waits posted before cutoff (System.nanoTime()) that JMPI_OP_TIMEOUT has not taken up yet; now it has. */
    synchronized List<Waiting> overdue(long cutoff) {
        List<Waiting> late = new ArrayList<>();
        boxes.forEach((context, b) -> b.posted.forEach(p -> {
            if (!p.overdue && p.since - cutoff < 0) {
                p.overdue = true;
                late.add(new Waiting(context, p));
            }
        }));
        return late;
    }

    /**
     * Takes back a wait that timed out and, for a collective's step, the other steps of the same
     * collective that wait here, as the collective fails whole; empty if it has matched meanwhile.
     */
    synchronized List<Posted> takeBack(Waiting w) {
        Box b = boxes.get(w.context());
        if (b == null || !b.posted.remove(w.posted())) {
            return List.of();
        }
        List<Posted> gone = new ArrayList<>();
        gone.add(w.posted());
        if ((w.context() & 1) != 0) {
            for (Iterator<Posted> it = b.posted.iterator(); it.hasNext(); ) {
                Posted p = it.next();
                if (p.tag == w.posted().tag) {
                    it.remove();
                    gone.add(p);
                }
            }
        }
        return gone;
    }

    /** Drops every message still waiting, with its payload. */
    synchronized void clear() {
        for (Box b : boxes.values()) {
            b.unexpected.forEach(Arrived::release);
        }
        boxes.clear();
        held.clear();
    }
}
