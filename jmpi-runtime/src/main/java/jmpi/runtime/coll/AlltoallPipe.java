package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.wire.ErrorInfo;
import jmpi.runtime.wire.Parts;

/**
 * One rank's run of an {@link AlltoallStreamed}: sends each peer its block chunk by chunk, at most
 * {@link AlltoallStreamed#WINDOW} of them waiting to be written per peer, and receives from every peer
 * at once, writing each chunk where it belongs as it arrives. The first chunk of a block carries the
 * block's size, so the receiver knows how many chunks follow, and one whose block has no room for it
 * fails at once rather than waiting for chunks that never come; a larger receive block is filled from
 * its start, as the whole-block exchange fills it. Like {@link BcastPipe} it never blocks: a step moves what it can and what it waits for
 * runs the {@link Pump} again.
 */
final class AlltoallPipe {
    private final Exchange x;
    private final AlltoallStreamed.Blocks blocks;
    private final int n;
    private final int rank;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Pump pump = new Pump(this::step, this::fail);
    /** Per peer: chunks sent so far, and those not yet written, oldest first. */
    private final int[] sent;
    private final ArrayDeque<CompletableFuture<Void>>[] sending;
    /** Per peer: chunks received so far, the receive posted for the next, and the block's size as its first chunk said. */
    private final int[] received;
    private final CompletableFuture<ByteBuf[]>[] arriving;
    private final long[] announced;
    /** Whether this rank's own block is in place, and what copying it threw, which the next step fails with. */
    private volatile boolean ownCopied;
    private volatile RuntimeException ownFailure;

    @SuppressWarnings("unchecked")
    AlltoallPipe(Exchange x, AlltoallStreamed.Blocks blocks) {
        this.x = x;
        this.blocks = blocks;
        this.n = x.size();
        this.rank = x.rank();
        this.sent = new int[n];
        this.sending = new ArrayDeque[n];
        this.received = new int[n];
        this.arriving = new CompletableFuture[n];
        this.announced = new long[n];
        for (int p = 0; p < n; p++) {
            sending[p] = new ArrayDeque<>();
        }
    }

    CompletableFuture<Void> start() {
        long own = blocks.sendBytes(rank);
        if (own > blocks.recvBytes(rank)) {
            // before anything is sent, so every peer learns it from this rank's failure alone
            fail(new MPIException(MPI.ERR_TRUNCATE, "alltoall: rank " + rank + " sends blocks of " + own
                    + " bytes and receives blocks of " + blocks.recvBytes(rank) + ": every rank must call Alltoall"
                    + " with the same count"));
            return done;
        }
        pump.run();
        if (!done.isDone()) {
            copyOwnBlock(own);
        }
        return done;
    }

    /** This rank's block to itself, chunk by chunk, while the peers' first chunks are on their way. */
    private void copyOwnBlock(long bytes) {
        try {
            for (long off = 0; off < bytes; off += AlltoallStreamed.CHUNK) {
                ByteBuf chunk = blocks.read(rank, off, (int) Math.min(AlltoallStreamed.CHUNK, bytes - off));
                try {
                    blocks.write(rank, off, chunk);
                } finally {
                    chunk.release();
                }
            }
        } catch (RuntimeException e) {
            ownFailure = e;
        }
        ownCopied = true;
        pump.run();
    }

    private static int chunks(long bytes) {
        return (int) Math.max(1, (bytes + AlltoallStreamed.CHUNK - 1) / AlltoallStreamed.CHUNK);
    }

    /** Moves chunks to and from every peer until each must wait; completes once all are out and in. */
    private void step() {
        if (ownFailure != null) {
            throw ownFailure;
        }
        boolean finished = ownCopied;
        for (int s = 1; s < n && !done.isDone(); s++) {
            finished &= sendTo((rank + s) % n);
            finished &= receiveFrom((rank - s + n) % n);
        }
        if (finished && !done.isDone()) {
            done.complete(null);
        }
    }

    /** Sends what the window lets; true once every chunk to the peer is written. */
    private boolean sendTo(int to) {
        ArrayDeque<CompletableFuture<Void>> q = sending[to];
        while (!q.isEmpty() && q.peek().isDone()) {
            CompletableFuture<Void> written = q.poll();
            if (written.isCompletedExceptionally()) {
                fail(written.handle((v, e) -> e).join());
                return false;
            }
        }
        long bytes = blocks.sendBytes(to);
        int total = chunks(bytes);
        while (q.size() < AlltoallStreamed.WINDOW && sent[to] < total) {
            long off = (long) sent[to] * AlltoallStreamed.CHUNK;
            ByteBuf chunk = blocks.read(to, off, (int) Math.min(AlltoallStreamed.CHUNK, bytes - off));
            ByteBuf[] parts = sent[to] == 0 ? new ByteBuf[] {chunk, Unpooled.copyLong(bytes)} : new ByteBuf[] {chunk};
            sent[to]++;
            CompletableFuture<Void> f = x.send(to, parts);
            q.add(f);
            f.whenComplete((v, e) -> pump.run());
        }
        return sent[to] == total && q.isEmpty();
    }

    /** Writes what has arrived and asks for the next; true once every chunk from the peer is in. */
    private boolean receiveFrom(int from) {
        // until the first chunk says how large the block is, one more is due
        while (received[from] == 0 || received[from] < chunks(announced[from])) {
            if (arriving[from] == null) {
                arriving[from] = x.recv(from);
                arriving[from].whenComplete((p, e) -> pump.run());
            }
            if (!arriving[from].isDone()) {
                return false;
            }
            ByteBuf[] parts = arriving[from].handle((p, e) -> {
                if (e != null) {
                    fail(e);
                }
                return p;
            }).join();
            arriving[from] = null;
            if (parts == null) {
                return false;
            }
            try {
                place(from, parts);
            } finally {
                Parts.release(parts);
            }
            received[from]++;
        }
        return true;
    }

    private void place(int from, ByteBuf[] parts) {
        if (received[from] == 0) {
            if (parts.length != 2 || parts[1].readableBytes() != Long.BYTES) {
                throw new MPIException(MPI.ERR_OTHER, "alltoall: rank " + from + " did not stream its block: every"
                        + " rank must call Alltoall with the same count");
            }
            announced[from] = parts[1].getLong(parts[1].readerIndex());
            long room = blocks.recvBytes(from);
            if (announced[from] > room) {
                throw new MPIException(MPI.ERR_TRUNCATE, "alltoall: rank " + from + " sends rank " + rank
                        + " a block of " + announced[from] + " bytes where it receives " + room + ": every rank must"
                        + " call Alltoall with the same count");
            }
        }
        long off = (long) received[from] * AlltoallStreamed.CHUNK;
        if (parts[0].readableBytes() != Math.min(AlltoallStreamed.CHUNK, announced[from] - off)) {
            throw new MPIException(MPI.ERR_OTHER, "alltoall: a chunk from rank " + from + " at byte " + off + " of its "
                    + announced[from] + "-byte block has " + parts[0].readableBytes() + " bytes");
        }
        blocks.write(from, off, parts[0]);
    }

    /** Fails this rank's part and tells the peers still waiting for its chunks; drops what arrives later. */
    private void fail(Throwable why) {
        if (done.isDone()) {
            return;
        }
        Throwable t = Flow.unwrap(why);
        for (int p = 0; p < n; p++) {
            if (p != rank && sent[p] < chunks(blocks.sendBytes(p))) {
                x.fail(p, ErrorInfo.of(t));
            }
            if (arriving[p] != null) {
                arriving[p].thenAccept(Parts::release);
            }
        }
        done.completeExceptionally(t);
    }
}
