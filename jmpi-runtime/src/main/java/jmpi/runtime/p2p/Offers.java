package jmpi.runtime.p2p;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.wire.Frame;
import jmpi.runtime.wire.PeerChunk;
import jmpi.runtime.wire.PeerGo;

/**
 * This rank's large sends: each offered to its receiver, then, on the go-ahead, streamed in chunks
 * with a few chunks on their way at a time, so a message costs the sender little more than its own
 * buffer however large it is. A send completes when its last chunk is written (or the receive
 * declined it); it fails when its receiver fails.
 */
final class Offers {
    /** Bytes per chunk: large enough that the per-frame cost vanishes, a multiple of every element size. */
    static final int CHUNK = 1 << 20;
    /** Chunks written but not yet on the wire, per message: enough to keep the link busy. */
    static final int WINDOW = 4;

    private static final class Offer {
        final int id;
        final int comm;
        final int dest;
        final Outgoing data;
        final CompletableFuture<Void> done;
        final String what;
        final long since = System.nanoTime();
        /** Whether the receive has answered (then the bytes go), or JMPI_OP_TIMEOUT has taken the offer up; guarded by the offer. */
        boolean answered;
        boolean overdue;
        long next;
        int inFlight;
        boolean pumping;
        boolean again;
        boolean over;

        Offer(int id, int comm, int dest, Outgoing data, CompletableFuture<Void> done, String what) {
            this.id = id;
            this.comm = comm;
            this.dest = dest;
            this.data = data;
            this.done = done;
            this.what = what;
        }
    }

    private final AtomicInteger ids = new AtomicInteger();
    /** Bytes offered to each world rank and not yet sent: what {@link #awaitRoom} bounds. */
    private final Map<Integer, Long> unsent = new HashMap<>();
    private final Map<Integer, Offer> open = new ConcurrentHashMap<>();
    private final BiFunction<Integer, Frame, CompletableFuture<Void>> send;

    /** send writes a frame on the link to a world rank. */
    Offers(BiFunction<Integer, Frame, CompletableFuture<Void>> send) {
        this.send = send;
    }

    /** Keeps a message until its receiver answers; returns the number its offer carries. */
    int open(int comm, int dest, Outgoing data, CompletableFuture<Void> done, String what) {
        int id = ids.incrementAndGet();
        synchronized (this) {
            unsent.merge(dest, data.bytes(), Long::sum);
        }
        open.put(id, new Offer(id, comm, dest, data, done, what));
        return id;
    }

    /**
     * Waits while limit bytes or more offered to dest wait for their receives: the sender waits, as MPI
     * allows, rather than holding ever more buffers that the receiver has not asked for.
     */
    synchronized void awaitRoom(int dest, long limit) {
        while (unsent.getOrDefault(dest, 0L) >= limit) {
            try {
                // woken as offers end; the timeout only bounds a missed wake-up
                wait(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MPIException(MPI.ERR_OTHER, "interrupted while waiting to send to rank " + dest, e);
            }
        }
    }

    private synchronized void sent(Offer o) {
        unsent.merge(o.dest, -o.data.bytes(), Long::sum);
        notifyAll();
    }

    /** The receiver matched the offer: stream the bytes, or drop them if it does not want them. */
    void answered(int fromWorld, PeerGo go) {
        Offer o = open.get(go.offerId());
        if (o == null || o.dest != fromWorld) {
            return;
        }
        synchronized (o) {
            o.answered = true;
        }
        if (go.send()) {
            pump(o);
        } else if (open.remove(o.id, o)) {
            end(o, null);
        }
    }

    /** Writes chunks while fewer than WINDOW are on their way; a write's completion calls again. */
    private void pump(Offer o) {
        synchronized (o) {
            if (o.pumping) {
                o.again = true;
                return;
            }
            o.pumping = true;
        }
        while (true) {
            long offset;
            int length;
            synchronized (o) {
                long bytes = o.data.bytes();
                boolean finished = !o.over && o.next >= bytes && o.inFlight == 0;
                if (o.over || finished || o.next >= bytes || o.inFlight >= WINDOW) {
                    if (!finished && o.again) {
                        o.again = false;
                        continue;
                    }
                    o.pumping = false;
                    if (!finished) {
                        return;
                    }
                    offset = -1;
                    length = 0;
                } else {
                    offset = o.next;
                    length = (int) Math.min(CHUNK, bytes - offset);
                    o.next += length;
                    o.inFlight++;
                }
            }
            if (offset < 0) {
                if (open.remove(o.id, o)) {
                    end(o, null);
                }
                return;
            }
            PeerChunk chunk;
            try {
                chunk = PeerChunk.of(o.id, o.data.chunk(offset, length));
            } catch (RuntimeException e) {
                // failed meanwhile, and its bytes let go of
                fail(o, e);
                return;
            }
            send.apply(o.dest, chunk).whenComplete((v, e) -> {
                if (e != null) {
                    fail(o, e);
                    return;
                }
                synchronized (o) {
                    o.inFlight--;
                }
                pump(o);
            });
        }
    }

    private void fail(Offer o, Throwable why) {
        if (open.remove(o.id, o)) {
            end(o, why);
        }
    }

    private void end(Offer o, Throwable why) {
        synchronized (o) {
            o.over = true;
        }
        sent(o);
        o.data.release();
        if (why == null) {
            o.done.complete(null);
        } else {
            o.done.completeExceptionally(why);
        }
    }

    /** The offer could not be sent. */
    void fail(int id, Throwable why) {
        Offer o = open.get(id);
        if (o != null) {
            fail(o, why);
        }
    }

    /** A receiver failed: what was offered to it fails. */
    void failTo(int rank, Throwable why) {
        for (Offer o : open.values()) {
            if (o.dest == rank) {
                fail(o, why);
            }
        }
    }

    /** A communicator was revoked: what was offered on it fails, as no receive on it will answer. */
    void failComm(int comm, Throwable why) {
        for (Offer o : open.values()) {
            if (o.comm == comm) {
                fail(o, why);
            }
        }
    }

    /** Everything offered fails: the coordinator is gone, or this rank finalizes. */
    void failAll(Throwable why) {
        for (Offer o : open.values()) {
            fail(o, why);
        }
    }

    /** The offers made before cutoff (System.nanoTime()) that no receive has answered and JMPI_OP_TIMEOUT has not taken up yet; now it has. */
    List<Sends.Late> overdue(long cutoff) {
        List<Sends.Late> late = new ArrayList<>();
        for (Offer o : open.values()) {
            synchronized (o) {
                if (!o.answered && !o.overdue && o.since - cutoff < 0) {
                    o.overdue = true;
                    late.add(new Sends.Late(true, o.id, o.dest, o.what, o.since));
                }
            }
        }
        return late;
    }

    /** The sends that wait for their receive or are on their way, a line each. */
    List<String> waits() {
        long now = System.nanoTime();
        List<String> lines = new ArrayList<>();
        for (Offer o : open.values()) {
            synchronized (o) {
                lines.add(o.what + (o.next == 0 ? " for " + (now - o.since) / 1_000_000 + " ms"
                        : ": " + o.next + " of " + o.data.bytes() + " bytes sent"));
            }
        }
        return lines;
    }
}
