package jmpi.runtime.p2p;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.ProcessFailedException;
import jmpi.runtime.link.LinkTable;
import jmpi.runtime.serial.ObjectAssembly;
import jmpi.runtime.wire.ErrorInfo;
import jmpi.runtime.wire.Parts;
import jmpi.runtime.wire.PeerChunk;
import jmpi.runtime.wire.PeerGo;
import jmpi.runtime.wire.Reply;

/**
 * The large messages this rank's receives have asked for, filled in as their chunks arrive: a
 * buffer's straight into the user's array, an object's into the pieces it was cut in, for the decoder.
 * A receive completes once every byte is in; if the sender fails first, it fails, and a half-filled
 * buffer is never reported as received.
 */
final class Incoming {
    private static final class Transfer {
        final int comm;
        final Arrived offer;
        final Sink sink;
        final Consumer<Reply> onReply;
        final ObjectAssembly assembly;
        long received;

        Transfer(int comm, Arrived offer, Sink sink, Consumer<Reply> onReply) {
            this.comm = comm;
            this.offer = offer;
            this.sink = sink;
            this.onReply = onReply;
            this.assembly = sink == null ? new ObjectAssembly(offer.offered()) : null;
        }
    }

    private final Map<Long, Transfer> open = new ConcurrentHashMap<>();
    private final long sizeLimit;

    /** sizeLimit: this rank's JMPI_SERIAL_SIZE, which a sender with a larger one may exceed. */
    Incoming(long sizeLimit) {
        this.sizeLimit = sizeLimit;
    }

    private static long key(int fromWorld, int offerId) {
        return ((long) fromWorld << 32) | (offerId & 0xffffffffL);
    }

    /**
     * A receive matched an offer: the bytes are asked for, and go to sink as they come (null: into one
     * buffer, for an object's decoder). A sink that cannot take them fails the receive, and the sender
     * drops them: the message is consumed, as MPI wants.
     */
    void fetch(int comm, Arrived offer, Sink sink, Consumer<Reply> onReply, LinkTable links, IntPredicate failed) {
        int from = offer.fromWorld();
        if (sink != null || offer.offered() > sizeLimit) {
            try {
                if (offer.offered() > sizeLimit) {
                    throw new MPIException(MPI.ERR_COUNT, "rank " + from + " sent a message of " + offer.offered()
                            + " bytes, more than this rank's limit of " + sizeLimit + " bytes (JMPI_SERIAL_SIZE)");
                }
                sink.check(offer.source(), offer.tag(), offer.elemType(), offer.offered());
            } catch (MPIException e) {
                links.send(from, new PeerGo(offer.syncId(), false));
                onReply.accept(Reply.error(0, ErrorInfo.of(e)));
                return;
            }
        }
        open.put(key(from, offer.syncId()), new Transfer(comm, offer, sink, onReply));
        if (failed.test(from)) {
            failFrom(from, new ProcessFailedException(from, "rank " + from + " failed"));
        } else {
            links.send(from, new PeerGo(offer.syncId(), true));
        }
    }

    /** The next bytes of an offered message; the chunk is let go of here. */
    void chunk(int fromWorld, PeerChunk c) {
        long key = key(fromWorld, c.offerId());
        Transfer t = open.get(key);
        try {
            if (t == null) {
                // its receive failed meanwhile
                return;
            }
            ByteBuf bytes = c.bytes();
            int n = bytes.readableBytes();
            if (t.received + n > t.offer.offered()) {
                fail(key, t, new IllegalStateException("rank " + fromWorld + " sent more than the "
                        + t.offer.offered() + " bytes it offered"));
                return;
            }
            if (t.sink != null) {
                t.sink.write(t.received, bytes);
            } else {
                t.assembly.write(bytes);
            }
            t.received += n;
            if (t.received == t.offer.offered() && open.remove(key, t)) {
                complete(t);
            }
        } catch (RuntimeException e) {
            fail(key, t, e);
        } finally {
            c.release();
        }
    }

    private static void complete(Transfer t) {
        Arrived m = t.offer;
        ByteBuf[] parts = t.assembly == null ? Parts.NONE : t.assembly.pieces();
        try {
            t.onReply.accept(Reply.message(0, Reply.OK, m.source(), m.tag(), m.count(), m.elemType(), parts));
        } finally {
            Parts.release(parts);
        }
    }

    private void fail(long key, Transfer t, Throwable why) {
        if (open.remove(key, t)) {
            if (t.assembly != null) {
                t.assembly.release();
            }
            t.onReply.accept(Reply.error(0, ErrorInfo.of(why)));
        }
    }

    /** A sender failed: the receives of its messages fail. */
    void failFrom(int rank, Throwable why) {
        for (Map.Entry<Long, Transfer> e : open.entrySet()) {
            if (e.getValue().offer.fromWorld() == rank) {
                fail(e.getKey(), e.getValue(), why);
            }
        }
    }

    /** A communicator was revoked: the receives on it whose bytes are on their way fail, and let go of them. */
    void failComm(int comm, Throwable why) {
        for (Map.Entry<Long, Transfer> e : open.entrySet()) {
            if (e.getValue().comm == comm) {
                fail(e.getKey(), e.getValue(), why);
            }
        }
    }

    /** Every receive on its way fails: the coordinator is gone, or this rank finalizes. */
    void failAll(Throwable why) {
        for (Map.Entry<Long, Transfer> e : open.entrySet()) {
            fail(e.getKey(), e.getValue(), why);
        }
    }

    /** The receives whose bytes are on their way, a line each. */
    List<String> waits() {
        List<String> lines = new ArrayList<>();
        for (Transfer t : open.values()) {
            lines.add("recv from rank " + t.offer.fromWorld() + ", tag " + t.offer.tag() + ": " + t.received + " of "
                    + t.offer.offered() + " bytes arrived");
        }
        return lines;
    }
}
