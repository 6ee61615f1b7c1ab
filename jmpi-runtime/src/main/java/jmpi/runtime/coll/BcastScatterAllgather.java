package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Parts;

/**
 * Bcast as van de Geijn's scatter then allgather: the root cuts the payload into N blocks, one per
 * relative rank, and sends each child of a binomial tree the blocks of its subtree (with the payload's
 * length, which the others do not know); then the blocks go round a ring ({@link Rings#allgather}).
 * Every rank answers with the payload, as the coordinator does. Chosen for large buffers at 3 ranks
 * or more: the root sends about 2n bytes instead of n·⌈log₂ N⌉, and a rank holds the payload and a
 * block in flight. Cost: ⌈log₂ N⌉ messages from the root and N − 1 round the ring per rank, about 2n
 * bytes sent per rank.
 */
final class BcastScatterAllgather extends AmongRanks {
    BcastScatterAllgather() {
        super(Kind.BCAST, "scatter-allgather");
    }

    @Override
    CompletableFuture<ByteBuf[]> steps(Flow f, CollCall call) {
        int n = f.size();
        int root = call.root();
        int rel = Rings.position(f, root);
        if (rel == 0) {
            ByteBuf[] parts = call.parts();
            if (parts.length != 1) {
                // only the root can tell: the others learn it in place of their blocks
                Parts.release(parts);
                f.fail(new MPIException(MPI.ERR_INTERN, "bcast of " + parts.length + " parts, not one"));
                return down(f, root, rel, ceilPow2(n), null, null, null);
            }
            ByteBuf payload = parts[0];
            Blocks blocks = new Blocks(payload.readableBytes(), 1, n);
            boolean[] have = new boolean[n];
            Arrays.fill(have, true);
            return down(f, root, rel, ceilPow2(n), payload, blocks, have);
        }
        Parts.release(call.parts());
        int low = Integer.lowestOneBit(rel);
        return f.recv(real(rel - low, root, n)).thenCompose(got -> {
            if (got == null) {
                return down(f, root, rel, low, null, null, null);
            }
            ByteBuf length = got[0];
            ByteBuf payload;
            Blocks blocks;
            try {
                int bytes = length.readInt();
                blocks = new Blocks(bytes, 1, n);
                payload = ByteBufAllocator.DEFAULT.buffer(bytes, bytes).writerIndex(bytes);
            } finally {
                length.release();
            }
            boolean[] have = new boolean[n];
            Rings.put(f, payload, blocks, rel, Math.min(rel + low, n), have, got.length > 1 ? got[1] : null);
            return down(f, root, rel, low, payload, blocks, have);
        });
    }

    /**
     * Sends each child below span the blocks of its subtree (views of payload, which this rank holds
     * whole), then runs the ring; completes with payload as this rank's answer.
     */
    private static CompletableFuture<ByteBuf[]> down(Flow f, int root, int rel, int span, ByteBuf payload,
            Blocks blocks, boolean[] have) {
        int n = f.size();
        for (int m = span >> 1; m >= 1; m >>= 1) {
            int child = rel + m;
            int end = Math.min(child + m, n);
            if (child < n) {
                f.send(real(child, root, n), () -> new ByteBuf[] {Unpooled.buffer(4).writeInt(blocks.bytes()),
                        blocks.slice(payload, child, end)});
            }
        }
        if (payload == null) {
            // failed before the payload came: the ring still owes its messages, which carry the failure
            return Rings.allgather(f, null, new Blocks(0, 1, n), root, 0, new boolean[n]).thenApply(v -> null);
        }
        return Folds.answer(Rings.allgather(f, payload, blocks, root, 0, have), payload);
    }
}
