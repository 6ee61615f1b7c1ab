package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Op;
import jmpi.runtime.elem.ElementType;

/**
 * The ring passes of the large algorithms, over one buffer cut into {@link Blocks}, one block per
 * position of the ring (position p is rank base + p, mod N). Each of the N − 1 steps sends one block
 * to the next position and receives one from the position before, so every link carries the same
 * bytes, and a rank holds its buffer and a block or so in flight, never a second buffer.
 */
final class Rings {
    private Rings() {
    }

    /**
     * Reduce-scatter: afterwards position p holds, in its block p + 1, the fold of that block over every
     * rank. Block b leaves position b and goes once round the ring, each position folding its own block
     * with what arrives (own ⊕ arrived), so the order of each block's fold depends on b and N alone: any
     * order is right for a commutative op, and this one gives the same bits in every run. Blocks leave
     * as copies, since acc goes on changing. Cost: N − 1 messages of n/N bytes, (N − 1)·n/N folded.
     */
    static CompletableFuture<Void> reduceScatter(Flow f, ElementType t, Op op, ByteBuf acc, Blocks blocks, int base) {
        return reduceStep(f, t, op, acc, blocks, base, 0);
    }

    private static CompletableFuture<Void> reduceStep(Flow f, ElementType t, Op op, ByteBuf acc, Blocks blocks,
            int base, int s) {
        int n = f.size();
        if (s >= n - 1) {
            return CompletableFuture.completedFuture(null);
        }
        int p = position(f, base);
        int out = blocks.wrap(p - s);
        int in = blocks.wrap(p - s - 1);
        f.send(AmongRanks.real(p + 1, base, n), () -> new ByteBuf[] {blocks.copy(acc, out)});
        return f.recv(AmongRanks.real(p - 1 + n, base, n)).thenCompose(got -> {
            ByteBuf mine = f.failed() ? null : blocks.slice(acc, in);
            Folds.release(Folds.combine(f, t, op, mine, Folds.first(got)));
            return reduceStep(f, t, op, acc, blocks, base, s + 1);
        });
    }

    /**
     * Allgather: position p starts with block p + shift (and those have marks) and ends with every
     * block of acc. At step s it passes on block p + shift − s, its own or the last that arrived, as a
     * view of acc (a block is sent only once complete, and never written after), and puts the block that
     * arrives in its place. Cost: N − 1 messages of n/N bytes.
     */
    static CompletableFuture<Void> allgather(Flow f, ByteBuf acc, Blocks blocks, int base, int shift, boolean[] have) {
        return gatherStep(f, acc, blocks, base, shift, have, 0);
    }

    private static CompletableFuture<Void> gatherStep(Flow f, ByteBuf acc, Blocks blocks, int base, int shift,
            boolean[] have, int s) {
        int n = f.size();
        if (s >= n - 1) {
            return CompletableFuture.completedFuture(null);
        }
        int p = position(f, base);
        int out = blocks.wrap(p + shift - s);
        int in = blocks.wrap(p + shift - s - 1);
        f.send(AmongRanks.real(p + 1, base, n), () -> new ByteBuf[] {blocks.slice(acc, out)});
        return f.recv(AmongRanks.real(p - 1 + n, base, n)).thenCompose(got -> {
            put(f, acc, blocks, in, in + 1, have, Folds.first(got));
            return gatherStep(f, acc, blocks, base, shift, have, s + 1);
        });
    }

    /**
     * Writes got (released here), blocks [from, to) of another rank's buffer, into acc, unless acc has
     * them already; a length that does not fit the blocks fails the flow.
     */
    static void put(Flow f, ByteBuf acc, Blocks blocks, int from, int to, boolean[] have, ByteBuf got) {
        try {
            if (got == null || f.failed() || have[from]) {
                return;
            }
            int len = blocks.offset(to) - blocks.offset(from);
            if (got.readableBytes() != len) {
                f.fail(new MPIException(MPI.ERR_COUNT, "blocks " + from + ".." + (to - 1) + " of "
                        + got.readableBytes() + " bytes where the ranks' buffers of " + blocks.bytes()
                        + " bytes make " + len + ": the ranks passed buffers of different lengths"));
                return;
            }
            acc.setBytes(acc.readerIndex() + blocks.offset(from), got, got.readerIndex(), len);
            Arrays.fill(have, from, to, true);
        } finally {
            Folds.release(got);
        }
    }

    /** This rank's position in a ring that starts at base. */
    static int position(Flow f, int base) {
        return Math.floorMod(f.rank() - base, f.size());
    }
}
