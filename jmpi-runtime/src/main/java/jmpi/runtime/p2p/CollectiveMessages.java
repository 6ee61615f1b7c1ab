package jmpi.runtime.p2p;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import jmpi.ProcessFailedException;
import jmpi.runtime.link.Link;
import jmpi.runtime.wire.ErrorInfo;
import jmpi.runtime.wire.Parts;
import jmpi.runtime.wire.PeerMessage;

/**
 * The messages of collectives that run among the ranks, on the data plane's links: matched in each
 * communicator's collective context by sender and sequence number, so concurrent collectives never
 * mix and point-to-point never sees them. What the messages mean is the algorithms' business.
 */
public final class CollectiveMessages {
    private final DataPlane plane;

    CollectiveMessages(DataPlane plane) {
        this.plane = plane;
    }

    /**
     * Sends one message of a collective (parts: references pass here) to a world rank: seq numbers the
     * collective on its communicator, word says which collective it is. With error set, the one part
     * is the failure ({@link ErrorInfo#toPart}). Completes once written; fails if the peer has failed.
     */
    public CompletableFuture<Void> send(int comm, int source, int destWorld, long seq, int word, int elemType,
            ByteBuf[] parts, boolean error) {
        int flags = PeerMessage.COLLECTIVE | (error ? PeerMessage.ERROR : 0);
        if (destWorld == plane.me()) {
            plane.deliver(DataPlane.context(comm, true),
                    new Arrived(source, (int) seq, flags, elemType, parts, plane.me(), word));
            return CompletableFuture.completedFuture(null);
        }
        if (plane.hasFailed(destWorld)) {
            Parts.release(parts);
            return CompletableFuture.failedFuture(new ProcessFailedException(destWorld, "rank " + destWorld + " failed"));
        }
        return plane.toPeer(destWorld, new PeerMessage(comm, source, (int) seq, flags, word, elemType, parts));
    }

    /**
     * Waits for the message of collective seq from source (a rank of the communicator, world rank
     * sourceWorld). The message's parts pass to whoever completes on it; a failure that the sender
     * sent in place of data, or the failure of the sender, fails it. what names the collective, for
     * {@link DataPlane#waits()}; members are the communicator's world ranks, whom a timeout's message names.
     */
    public CompletableFuture<PeerMessage> receive(int comm, int source, int sourceWorld, long seq, String what,
            int[] members) {
        CompletableFuture<PeerMessage> got = new CompletableFuture<>();
        if (plane.lostCoordinator() != null) {
            // without the coordinator a peer's death cannot be confirmed: waiting could last forever
            got.completeExceptionally(plane.lostCoordinator());
            return got;
        }
        Link c = plane.coordinator();
        c.waitingElsewhere(1);
        got.whenComplete((m, e) -> c.waitingElsewhere(-1));
        long context = DataPlane.context(comm, true);
        Matcher.Posted p = new Matcher.Posted(source, (int) seq, false, w -> w == sourceWorld, new Matcher.Delivery() {
            @Override
            public void matched(Arrived m) {
                if ((m.flags() & PeerMessage.ERROR) != 0) {
                    ErrorInfo why = ErrorInfo.fromPart(m.parts()[0]);
                    m.release();
                    got.completeExceptionally(why.toException());
                } else {
                    got.complete(new PeerMessage(comm, m.source(), m.tag(), m.flags(), m.syncId(), m.elemType(),
                            m.parts()));
                }
            }

            @Override
            public void failed(Throwable why) {
                got.completeExceptionally(why);
            }
        }, what + " on communicator " + plane.labels().of(comm) + ", missing rank " + source, members, sourceWorld);
        Runnable now = plane.matcher().post(context, p);
        if (now != null) {
            now.run();
        } else if (plane.hasFailed(sourceWorld) && plane.matcher().cancel(context, p)) {
            p.delivery.failed(new ProcessFailedException(sourceWorld, "rank " + sourceWorld + " failed"));
        } else if (plane.lostCoordinator() != null && plane.matcher().cancel(context, p)) {
            p.delivery.failed(plane.lostCoordinator());
        }
        return got;
    }

    /** A rank of these (world ranks) known to have failed, or -1: a collective among them fails at once. */
    public int failedAmong(int[] worldRanks) {
        for (int w : worldRanks) {
            if (plane.hasFailed(w)) {
                return w;
            }
        }
        return -1;
    }
}
