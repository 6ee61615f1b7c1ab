package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.wire.ErrorInfo;
import jmpi.runtime.wire.Parts;

/**
 * One rank's run of a {@link BcastStreamed}: takes chunk after chunk (read from the buffer at the
 * root, received from the parent elsewhere), passes each on to the children, and lets at most
 * {@link BcastStreamed#WINDOW} chunks wait to be written. It never blocks: when it must wait (for a
 * chunk, for room) it asks to be called again and returns, so it runs on whichever thread completed
 * what it waited for, one thread at a time.
 */
final class BcastPipe {
    private final Exchange x;
    private final BcastStreamed.Buffer buffer;
    /** The parent's rank, or -1 at the root. */
    private final int parent;
    private final int[] children;
    private final long bytes;
    private final int chunks;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    /** Each chunk's sends to the children, oldest first, until written. */
    private final ArrayDeque<CompletableFuture<Void>> sending = new ArrayDeque<>();
    private int next;
    private CompletableFuture<ByteBuf[]> arriving;
    private final Pump pump = new Pump(this::step, this::fail);

    BcastPipe(Exchange x, int root, BcastStreamed.Buffer buffer) {
        this.x = x;
        this.buffer = buffer;
        int n = x.size();
        int rel = (x.rank() - root + n) % n;
        int span = rel == 0 ? AmongRanks.ceilPow2(n) : Integer.lowestOneBit(rel);
        this.parent = rel == 0 ? -1 : AmongRanks.real(rel - span, root, n);
        List<Integer> below = new ArrayList<>();
        for (int m = span >> 1; m >= 1; m >>= 1) {
            if (rel + m < n) {
                below.add(AmongRanks.real(rel + m, root, n));
            }
        }
        this.children = below.stream().mapToInt(Integer::intValue).toArray();
        this.bytes = buffer.bytes();
        this.chunks = (int) ((bytes + BcastStreamed.CHUNK - 1) / BcastStreamed.CHUNK);
    }

    CompletableFuture<Void> start() {
        pump.run();
        return done;
    }

    /** Moves chunks until it must wait; what it waits for then runs the pump again. */
    private void step() {
        while (!done.isDone()) {
            while (!sending.isEmpty() && sending.peek().isDone()) {
                CompletableFuture<Void> written = sending.poll();
                if (written.isCompletedExceptionally()) {
                    written.exceptionally(e -> {
                        fail(e);
                        return null;
                    });
                    return;
                }
            }
            if (next == chunks && sending.isEmpty()) {
                done.complete(null);
                return;
            }
            if (next == chunks || sending.size() >= BcastStreamed.WINDOW) {
                sending.peek().whenComplete((v, e) -> pump.run());
                return;
            }
            ByteBuf chunk = take();
            if (chunk == null) {
                return;
            }
            List<CompletableFuture<Void>> sends = new ArrayList<>(children.length);
            for (int child : children) {
                sends.add(x.send(child, new ByteBuf[] {chunk.retainedDuplicate()}));
            }
            chunk.release();
            sending.add(CompletableFuture.allOf(sends.toArray(new CompletableFuture<?>[0])));
            next++;
        }
    }

    /** The next chunk, in place in this rank's buffer; null if it has not arrived yet, or failed. */
    private ByteBuf take() {
        long offset = (long) next * BcastStreamed.CHUNK;
        int length = (int) Math.min(BcastStreamed.CHUNK, bytes - offset);
        if (parent < 0) {
            return buffer.read(offset, length);
        }
        if (arriving == null) {
            arriving = x.recv(parent);
        }
        if (!arriving.isDone()) {
            arriving.whenComplete((p, e) -> pump.run());
            return null;
        }
        CompletableFuture<ByteBuf[]> got = arriving;
        arriving = null;
        ByteBuf[] parts = got.exceptionally(e -> {
            fail(e);
            return null;
        }).join();
        if (parts == null) {
            return null;
        }
        if (parts.length != 1 || parts[0].readableBytes() != length) {
            Parts.release(parts);
            throw new MPIException(MPI.ERR_TRUNCATE, "bcast: a chunk at byte " + offset + " of a buffer of " + bytes
                    + " bytes did not have the " + length + " bytes expected: every rank must call Bcast with "
                    + "the same count");
        }
        try {
            buffer.write(offset, parts[0]);
        } catch (RuntimeException e) {
            parts[0].release();
            throw e;
        }
        return parts[0];
    }

    /** Fails this rank's part and tells the children, which would otherwise wait for the rest. */
    private void fail(Throwable why) {
        Throwable t = Flow.unwrap(why);
        if (done.isDone()) {
            return;
        }
        for (int child : children) {
            x.fail(child, ErrorInfo.of(t));
        }
        done.completeExceptionally(t);
    }
}
