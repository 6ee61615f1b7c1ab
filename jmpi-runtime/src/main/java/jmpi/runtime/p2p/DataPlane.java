package jmpi.runtime.p2p;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import jmpi.Config;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.ProcessFailedException;
import jmpi.runtime.link.Driver;
import jmpi.runtime.link.Link;
import jmpi.runtime.link.LinkTable;
import jmpi.runtime.wire.CommRevoked;
import jmpi.runtime.wire.ErrorInfo;
import jmpi.runtime.wire.Frame;
import jmpi.runtime.wire.Parts;
import jmpi.runtime.wire.PeerAck;
import jmpi.runtime.wire.PeerChunk;
import jmpi.runtime.wire.PeerGo;
import jmpi.runtime.wire.PeerOffer;
import jmpi.runtime.wire.PeerMessage;
import jmpi.runtime.wire.PeerWithdraw;
import jmpi.runtime.wire.Reply;

/**
 * Point-to-point messages that go rank to rank: sent on this rank's links to its peers, matched here
 * when they arrive. Results reach the caller as {@link Reply} values, as they do on the coordinator's
 * path, so a receive decodes its message the same way whichever path it took.
 */
public final class DataPlane implements AutoCloseable {
    private final int me;
    private final LinkTable links;
    private final CommLabels labels = new CommLabels();
    private final Matcher matcher = new Matcher(labels, this::resumeIfDrained);
    private final Sends sends;
    private final Incoming incoming;
    private final AtomicLong messagesSent = new AtomicLong();
    private final CollectiveMessages collectives = new CollectiveMessages(this);
    private final Set<Integer> failed = ConcurrentHashMap.newKeySet();
    /** Peers whose links are not read while too much of theirs waits for its receive. */
    private final Set<Integer> paused = ConcurrentHashMap.newKeySet();
    private final long heldLimit;
    /** JMPI_OP_TIMEOUT's watch over the waits here, or null when the option is off. */
    private final OverdueWaits overdue;
    /** The coordinator's link, which must hear of what waits here (see {@link Link#waitingElsewhere}). */
    private volatile Link coordinator = new Link.Detached();
    /** Why the coordinator is gone, once it is: no failure can be confirmed after that. */
    private volatile MPIException lost;

    private DataPlane(Config config, String bindHost) {
        this.me = config.rank();
        this.heldLimit = config.serialQueue();
        this.links = LinkTable.start(config, bindHost, new LinkTable.Inbound() {
            @Override
            public void frame(int fromRank, Frame f) {
                received(fromRank, f);
            }

            @Override
            public void lost(int rank, Throwable why) {
                peerFailed(rank);
            }
        });
        this.sends = new Sends(this, config);
        this.incoming = new Incoming(config.serialSize());
        this.overdue = OverdueWaits.start(config.opTimeout(), matcher, sends, () -> coordinator, me);
    }

    /** Listens for peers on bindHost; {@link #useCoordinator} must follow before the first send. */
    public static DataPlane start(Config config, String bindHost) {
        return new DataPlane(config, bindHost);
    }

    /** What a thread about to wait for a message of this plane does meanwhile: reads the links itself, where it can. */
    public Driver driver() {
        return links.driver();
    }

    /** Where peers reach this rank, for its hello. */
    public String advertised() {
        return links.advertised();
    }

    /** Peers' addresses come from the coordinator at the other end of this link. */
    public void useCoordinator(Link coordinator) {
        this.coordinator = coordinator;
        coordinator.reportWaits(this::reportedWaits);
        links.shareMemory(coordinator.sharedArena());
        links.directory(new PeerDirectory(coordinator)::lookup);
        watch(coordinator);
    }

    /** The context a communicator's messages are matched in: collectives never meet point-to-point. */
    static long context(int comm, boolean collective) {
        return ((long) comm << 1) | (collective ? 1 : 0);
    }

    /**
     * Sends data (whose bytes pass here) to a world rank: at once up to JMPI_EAGER bytes, by
     * rendezvous above (see {@link Sends}).
     */
    public CompletableFuture<Void> send(int comm, int source, int destWorld, int tag, boolean sync, int elemType,
            Outgoing data) {
        return sends.send(comm, source, destWorld, tag, sync, elemType, data);
    }

    /**
     * Posts a receive (or a blocking probe, which leaves the message) for source (a rank of the
     * communicator, or ANY_SOURCE); members maps the communicator's ranks to world ranks. onReply gets
     * the message, or its failure; the returned canceller takes the receive back if it has not matched.
     */
    public Runnable receive(int comm, int source, int tag, int[] members, boolean probe, Sink sink,
            Consumer<Reply> whenDone) {
        Link c = coordinator;
        AtomicBoolean waiting = new AtomicBoolean(true);
        c.waitingElsewhere(1);
        Consumer<Reply> onReply = reply -> {
            if (waiting.compareAndSet(true, false)) {
                c.waitingElsewhere(-1);
            }
            whenDone.accept(reply);
        };
        IntPredicate waitsOn = source == MPI.ANY_SOURCE ? w -> contains(members, w) : w -> w == members[source];
        long context = context(comm, false);
        int fromWorld = source == MPI.ANY_SOURCE ? -1 : members[source];
        Matcher.Posted p = new Matcher.Posted(source, tag, probe, waitsOn, new Matcher.Delivery() {
            @Override
            public void matched(Arrived m) {
                if (probe) {
                    onReply.accept(Reply.message(0, Reply.OK, m.source(), m.tag(), m.count(), m.elemType(), Parts.NONE));
                } else if (m.isOffer()) {
                    incoming.fetch(comm, m, sink, onReply, links, failed::contains);
                } else {
                    take(m, onReply);
                }
            }

            @Override
            public void failed(Throwable why) {
                onReply.accept(Reply.error(0, ErrorInfo.of(why)));
            }
        }, members, fromWorld);
        Runnable now = matcher.post(context, p);
        if (now != null) {
            now.run();
            return () -> { };
        }
        for (int w : failed) {
            if (waitsOn.test(w) && matcher.cancel(context, p)) {
                p.delivery.failed(new ProcessFailedException(w, "rank " + w + " failed"));
            }
        }
        return () -> {
            if (matcher.cancel(context, p)) {
                onReply.accept(Reply.message(0, Reply.CANCELLED, MPI.ANY_SOURCE, MPI.ANY_TAG, 0, 0, Parts.NONE));
            }
        };
    }

    /** An iprobe: the envelope of a matching message that waits, or a reply saying there is none. */
    public Reply peek(int comm, int source, int tag) {
        Arrived m = matcher.peek(context(comm, false), source, tag);
        return m == null ? Reply.message(0, Reply.NONE, 0, 0, 0, 0, Parts.NONE)
                : Reply.message(0, Reply.OK, m.source(), m.tag(), m.count(), m.elemType(), Parts.NONE);
    }

    /** A receive takes the message: the caller decodes the payload, which is let go after; a synchronous sender learns of the match. */
    private void take(Arrived m, Consumer<Reply> onReply) {
        ByteBuf[] parts = m.parts();
        try {
            onReply.accept(Reply.message(0, Reply.OK, m.source(), m.tag(), m.count(), m.elemType(), parts));
        } finally {
            Parts.release(parts);
        }
        if (m.syncId() != 0) {
            if (m.fromWorld() == me) {
                sends.acked(m.syncId());
            } else {
                links.send(m.fromWorld(), new PeerAck(m.syncId()));
            }
        }
    }

    /**
     * Messages from fromWorld that waited here were taken (by a receive or a collective's step) or
     * withdrawn: a link paused while too much of that rank's waited is read again once half is gone.
     */
    private void resumeIfDrained(int fromWorld) {
        if (paused.contains(fromWorld) && matcher.heldFrom(fromWorld) <= heldLimit / 2 && paused.remove(fromWorld)) {
            links.pause(fromWorld, false);
        }
    }

    /** Sends a message on the link to a peer, counting it. */
    CompletableFuture<Void> toPeer(int destWorld, Frame m) {
        messagesSent.incrementAndGet();
        return links.send(destWorld, m);
    }

    /** How many messages this rank has sent to its peers, point-to-point and collective: what tests count. */
    public long messagesSent() {
        return messagesSent.get();
    }

    /** This rank's side of the collectives that run among the ranks. */
    public CollectiveMessages collectives() {
        return collectives;
    }

    boolean hasFailed(int worldRank) {
        return failed.contains(worldRank);
    }

    Link coordinator() {
        return coordinator;
    }

    /** Why the coordinator is gone, or null while it is there. */
    MPIException lostCoordinator() {
        return lost;
    }

    LinkTable links() {
        return links;
    }

    /** The names of this rank's communicators, as its waits and timeouts say them. */
    public CommLabels labels() {
        return labels;
    }

    Matcher matcher() {
        return matcher;
    }

    int me() {
        return me;
    }

    void deliver(long context, Arrived m) {
        List<Runnable> then = matcher.arrived(context, m);
        for (Runnable r : then) {
            r.run();
        }
    }

    private void received(int fromRank, Frame f) {
        if (f instanceof PeerMessage m) {
            deliver(context(m.comm(), m.collective()),
                    new Arrived(m.source(), m.tag(), m.flags(), m.elemType(), m.parts(), fromRank, m.syncId()));
            // JMPI_SERIAL_QUEUE bounds what a sender's messages may hold here before their receives
            if (matcher.heldFrom(fromRank) > heldLimit && paused.add(fromRank)) {
                links.pause(fromRank, true);
            }
        } else if (f instanceof PeerOffer o) {
            deliver(context(o.comm(), false), new Arrived(o.source(), o.tag(), o.flags(), o.elemType(), Parts.NONE,
                    fromRank, o.offerId(), o.bytes()));
        } else if (f instanceof PeerGo g) {
            sends.answered(fromRank, g);
        } else if (f instanceof PeerChunk c) {
            incoming.chunk(fromRank, c);
        } else if (f instanceof PeerAck a) {
            sends.acked(a.syncId());
        } else if (f instanceof PeerWithdraw w) {
            sends.withdrawal(fromRank, w);
        } else {
            ReferenceCountUtil.release(f);
        }
    }

    /** Follows what the coordinator says of failures; its loss fails everything that waits here. */
    private void watch(Link coordinator) {
        coordinator.watch(new Link.Watcher() {
            @Override
            public void rankFailed(int rank) {
                peerFailed(rank);
            }

            @Override
            public void commRevoked(int comm, int byRank) {
                MPIException e = new MPIException(MPI.ERR_REVOKED, new CommRevoked(comm, byRank).message());
                for (Matcher.Posted p : matcher.failedComm(comm)) {
                    p.delivery.failed(e);
                }
                sends.failComm(comm, e);
                incoming.failComm(comm, e);
            }

            @Override
            public void lost(MPIException why) {
                lost = why;
                for (Matcher.Posted p : matcher.failed(-1)) {
                    p.delivery.failed(why);
                }
                sends.failAll(why);
                incoming.failAll(why);
            }
        });
    }

    /** A peer failed: what waits on it fails, and so does what is sent to it from now on. */
    private void peerFailed(int rank) {
        if (!failed.add(rank)) {
            return;
        }
        ProcessFailedException e = new ProcessFailedException(rank, "rank " + rank + " failed");
        for (Matcher.Posted p : matcher.failed(rank)) {
            p.delivery.failed(e);
        }
        sends.failTo(rank, e);
        incoming.failFrom(rank, e);
    }

    private static boolean contains(int[] members, int w) {
        for (int m : members) {
            if (m == w) {
                return true;
            }
        }
        return false;
    }

    /** What this rank waits for on its links, one line each. */
    public List<String> waits() {
        List<String> lines = new ArrayList<>(matcher.waits());
        lines.addAll(sends.waits());
        lines.addAll(incoming.waits());
        return lines;
    }

    /** What this rank tells the roll-call: its waits, and those that timed out lately (JMPI_OP_TIMEOUT). */
    private List<String> reportedWaits() {
        List<String> lines = waits();
        if (overdue != null) {
            lines.addAll(overdue.recent());
        }
        return lines;
    }

    /** Says goodbye to the peers and drops what nobody received. */
    @Override
    public void close() {
        if (overdue != null) {
            overdue.close();
        }
        links.close();
        MPIException closed = new MPIException(MPI.ERR_COMM, "this rank has finalized");
        sends.failAll(closed);
        incoming.failAll(closed);
        matcher.clear();
    }
}
