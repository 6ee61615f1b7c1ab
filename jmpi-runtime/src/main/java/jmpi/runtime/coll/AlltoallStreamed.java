package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.Kind;

/**
 * Alltoall of large buffers, streamed: each rank sends every other rank its block in chunks read from
 * the user's send buffer as they go, and writes each chunk it receives straight into the user's
 * receive buffer, a few chunks per peer on their way at a time ({@link AlltoallPipe}). A rank then
 * holds its two buffers and a few chunks per peer, not its whole send buffer again, encoded, and
 * every block it receives beside it until the last one is in.
 *
 * <p>The table chooses it by the bytes each rank sends in all, which every rank knows alike from the
 * count; the client then streams from and into the user's buffers ({@link #stream}). Given whole parts
 * instead (an object alltoall, when forced by name), it runs as the pairwise exchange does.
 */
public final class AlltoallStreamed extends AmongRanks {
    /** The bytes a rank sends in all from which streaming pays: below it a whole block costs little memory. */
    public static final long FROM = 16L << 20;
    /** Bytes per chunk: a multiple of every element's size, large enough that a message's cost vanishes. */
    static final int CHUNK = 1 << 20;
    /** Chunks sent to one peer but not yet written out: enough to keep a link busy. */
    static final int WINDOW = 2;

    private final AlltoallPairwise whole = new AlltoallPairwise();

    AlltoallStreamed() {
        super(Kind.ALLTOALL, "streamed");
    }

    @Override
    void check(Exchange x, CollCall call) {
        whole.check(x, call);
    }

    @Override
    CompletableFuture<ByteBuf[]> steps(Flow f, CollCall call) {
        return whole.steps(f, call);
    }

    /** The user's two buffers, cut into a block per rank. */
    public interface Blocks {
        /** The bytes of the block this rank sends to rank to. */
        long sendBytes(int to);

        /** The bytes of the block this rank receives from rank from. */
        long recvBytes(int from);

        /** length bytes from offset of the block for rank to, in a buffer the caller then owns. */
        ByteBuf read(int to, long offset, int length);

        /** Puts the readable bytes of chunk (still the caller's) at offset of the block from rank from. */
        void write(int from, long offset, ByteBuf chunk);
    }

    /** This rank's part of a streamed alltoall: completes once its blocks are all sent and all in. */
    public static CompletableFuture<Void> stream(Exchange x, Blocks blocks) {
        return new AlltoallPipe(x, blocks).start();
    }
}
