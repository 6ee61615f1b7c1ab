package jmpi.runtime.p2p;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import jmpi.Config;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.ProcessFailedException;
import jmpi.runtime.link.Link;
import jmpi.runtime.wire.Parts;
import jmpi.runtime.wire.PeerGo;
import jmpi.runtime.wire.PeerMessage;
import jmpi.runtime.wire.PeerOffer;
import jmpi.runtime.wire.PeerWithdraw;

/**
 * The sending side of the data plane. Up to JMPI_EAGER bytes go at once, and a standard send
 * completes once written, a synchronous one once the receiver has matched it. Larger messages are
 * offered, and their bytes follow when the receive asks for them ({@link Offers}): the send completes
 * once they are written. A message over JMPI_SERIAL_SIZE is refused before anything goes.
 */
final class Sends {
    /** A send that waits for its receive: an eager ssend's number, or an offer's; what it is and since when. */
    record Late(boolean offer, int id, int dest, String what, long since) {
    }

    /** A withdrawal asked for: how the send fails if it is taken back, and what then notes it. */
    private record Withdrawal(int dest, MPIException why, Runnable onTakenBack) {
    }

    private final DataPlane plane;
    private final Map<Long, Withdrawal> withdrawing = new ConcurrentHashMap<>();
    private final Ssends ssends = new Ssends();
    private final Offers offers;
    private final int me;
    private final long sizeLimit;
    private final int eager;
    private final long unsentLimit;

    Sends(DataPlane plane, Config config) {
        this.plane = plane;
        this.offers = new Offers((rank, f) -> plane.links().send(rank, f));
        this.me = config.rank();
        this.sizeLimit = config.serialSize();
        this.eager = config.eager();
        this.unsentLimit = config.serialQueue();
    }

    /**
     * Sends data (whose bytes pass here) to a world rank. Up to JMPI_EAGER bytes go at once, and a
     * standard send completes once written, a synchronous one once the receiver has matched it.
     * Larger messages are offered, and their bytes follow when the receive asks for them: the send
     * completes once they are written.
     */
    CompletableFuture<Void> send(int comm, int source, int destWorld, int tag, boolean sync, int elemType,
            Outgoing data) {
        long bytes = data.bytes();
        if (bytes > sizeLimit) {
            data.release();
            throw new MPIException(MPI.ERR_COUNT, "a message of " + bytes + " bytes exceeds the limit of " + sizeLimit
                    + " bytes (JMPI_SERIAL_SIZE)");
        }
        if (bytes > eager && destWorld != me) {
            return offer(comm, source, destWorld, tag, sync, elemType, data);
        }
        ByteBuf payload = data.whole();
        int syncId = sync ? ssends.open(destWorld, comm, "ssend to rank " + destWorld + ", tag " + tag + " on communicator "
                + plane.labels().of(comm)) : 0;
        CompletableFuture<Void> done = sync ? ssends.future(syncId) : null;
        if (sync) {
            Link c = plane.coordinator();
            c.waitingElsewhere(1);
            done.whenComplete((v, e) -> c.waitingElsewhere(-1));
        }
        if (destWorld == me) {
            plane.deliver(DataPlane.context(comm, false), new Arrived(source, tag, sync ? PeerMessage.SYNC : 0, elemType,
                    payload == null ? Parts.NONE : new ByteBuf[] {payload}, me, syncId));
            return sync ? done : CompletableFuture.completedFuture(null);
        }
        if (plane.hasFailed(destWorld)) {
            ReferenceCountUtil.release(payload);
            ProcessFailedException e = new ProcessFailedException(destWorld, "rank " + destWorld + " failed");
            ssends.fail(syncId, e);
            return CompletableFuture.failedFuture(e);
        }
        PeerMessage m = PeerMessage.of(comm, source, tag, sync ? PeerMessage.SYNC : 0, syncId, elemType, payload);
        CompletableFuture<Void> sent = plane.toPeer(destWorld, m);
        if (!sync) {
            return sent;
        }
        sent.whenComplete((v, e) -> {
            if (e != null) {
                ssends.fail(syncId, e);
            }
        });
        return done;
    }

    /** A large message: its envelope goes now, its bytes once the receive has answered. */
    private CompletableFuture<Void> offer(int comm, int source, int destWorld, int tag, boolean sync, int elemType,
            Outgoing data) {
        if (!plane.links().onLinksThread()) {
            offers.awaitRoom(destWorld, unsentLimit);
        }
        if (plane.hasFailed(destWorld)) {
            data.release();
            return CompletableFuture.failedFuture(new ProcessFailedException(destWorld, "rank " + destWorld + " failed"));
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        Link c = plane.coordinator();
        c.waitingElsewhere(1);
        done.whenComplete((v, e) -> c.waitingElsewhere(-1));
        int id = offers.open(comm, destWorld, data, done, (sync ? "ssend" : "send") + " to rank " + destWorld + ", tag " + tag
                + ", " + data.bytes() + " bytes, on communicator " + plane.labels().of(comm));
        PeerOffer o = new PeerOffer(comm, source, tag, sync ? PeerMessage.SYNC : 0, id, elemType, data.bytes());
        plane.toPeer(destWorld, o).whenComplete((v, e) -> {
            if (e != null) {
                offers.fail(id, e);
            }
        });
        if (plane.hasFailed(destWorld)) {
            offers.failTo(destWorld, new ProcessFailedException(destWorld, "rank " + destWorld + " failed"));
        }
        return done;
    }

    /** The receiver of an offer answered. */
    void answered(int fromWorld, PeerGo go) {
        offers.answered(fromWorld, go);
    }

    /** The receiver of an ssend matched it. */
    void acked(int syncId) {
        ssends.matched(syncId);
    }

    /** A rank failed: what was sent to it and waits fails, and no answer to a withdrawal comes from it. */
    void failTo(int rank, Throwable why) {
        withdrawing.values().removeIf(w -> w.dest() == rank);
        ssends.failTo(rank, why);
        offers.failTo(rank, why);
    }

    /** A communicator was revoked: its sends that wait for a receive fail. */
    void failComm(int comm, Throwable why) {
        ssends.failComm(comm, why);
        offers.failComm(comm, why);
    }

    /** Everything that waits fails: the coordinator is gone, or this rank finalizes. */
    void failAll(Throwable why) {
        withdrawing.clear();
        ssends.failAll(why);
        offers.failAll(why);
    }

    /** The sends sent before cutoff (System.nanoTime()) that still wait for their receive and JMPI_OP_TIMEOUT has not taken up. */
    List<Late> overdue(long cutoff) {
        List<Late> late = new ArrayList<>(ssends.overdue(cutoff));
        late.addAll(offers.overdue(cutoff));
        return late;
    }

    /**
     * Asks the receiver to take back a send that waits too long: if no receive has matched it, the
     * send fails with why (after onTakenBack); if one has, the send goes on to complete.
     */
    void withdraw(Late send, MPIException why, Runnable onTakenBack) {
        withdrawing.put(key(send.offer(), send.id()), new Withdrawal(send.dest(), why, onTakenBack));
        PeerWithdraw ask = new PeerWithdraw(send.id(), send.offer() ? PeerWithdraw.OFFER : 0);
        if (send.dest() == me) {
            withdrawn(me, ask.answered(plane.matcher().withdraw(me, send.id(), send.offer())));
        } else {
            plane.links().send(send.dest(), ask);
        }
    }

    /** A withdrawal's frame: a sender's question, answered from what waits here, or the receiver's answer. */
    void withdrawal(int fromWorld, PeerWithdraw w) {
        if (w.answer()) {
            withdrawn(fromWorld, w);
        } else {
            plane.links().send(fromWorld, w.answered(plane.matcher().withdraw(fromWorld, w.id(), w.offer())));
        }
    }

    private void withdrawn(int fromWorld, PeerWithdraw answer) {
        long key = key(answer.offer(), answer.id());
        Withdrawal w = withdrawing.get(key);
        if (w == null || w.dest() != fromWorld || !withdrawing.remove(key, w) || !answer.takenBack()) {
            return; // a receive has it: its PeerAck or PeerGo comes, or came
        }
        w.onTakenBack().run();
        if (answer.offer()) {
            offers.fail(answer.id(), w.why());
        } else {
            ssends.fail(answer.id(), w.why());
        }
    }

    /** Ssends and offers are numbered apart. */
    private static long key(boolean offer, int id) {
        return ((long) id << 1) | (offer ? 1 : 0);
    }

    /** The sends that wait for their receive or are on their way, a line each. */
    List<String> waits() {
        List<String> lines = new ArrayList<>(ssends.waits());
        lines.addAll(offers.waits());
        return lines;
    }
}
