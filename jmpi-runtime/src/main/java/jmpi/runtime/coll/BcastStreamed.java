package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.Kind;

/**
 * Bcast of a large buffer, streamed down a binomial tree: chunks are read from the root's buffer as
 * they go and written into each receiver's buffer as they arrive, each passed on to the rank's
 * children, a few chunks on their way at a time ({@link BcastPipe}). No rank holds more of the payload
 * than its own buffer and a few chunks, however large it is; and a rank passes a chunk on while the
 * next arrives, so the tree costs about one payload's time plus a chunk per level, not a payload per
 * level.
 *
 * <p>The table chooses it by size, and the client then streams from and into the user's buffer
 * ({@link #stream}). Given whole parts instead (an object bcast, when forced by name), it runs as the
 * binomial tree does.
 */
public final class BcastStreamed extends AmongRanks {
    /** A buffer from which streaming pays: below it, the whole payload in one message costs little memory. */
    public static final long FROM = 16L << 20;
    /** Bytes per chunk: a multiple of every element's size, large enough that a message's cost vanishes. */
    static final int CHUNK = 1 << 20;
    /** Chunks passed on but not yet written out, per rank: enough to keep the links busy. */
    static final int WINDOW = 4;

    private final BcastBinomial whole = new BcastBinomial();

    BcastStreamed() {
        super(Kind.BCAST, "streamed");
    }

    @Override
    CompletableFuture<ByteBuf[]> steps(Flow f, CollCall call) {
        return whole.steps(f, call);
    }

    /** The user's buffer, where the root's chunks come from and the others' go. */
    public interface Buffer {
        /** The payload's size. */
        long bytes();

        /** length bytes from offset, in a buffer the caller then owns. */
        ByteBuf read(long offset, int length);

        /** Puts the readable bytes of chunk (still the caller's) at offset. */
        void write(long offset, ByteBuf chunk);
    }

    /** This rank's part of a streamed bcast from root: completes once its chunks are in and passed on. */
    public static CompletableFuture<Void> stream(Exchange x, int root, Buffer buffer) {
        return new BcastPipe(x, root, buffer).start();
    }
}
