package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import jmpi.Op;
import jmpi.runtime.elem.ElementType;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Parts;

/**
 * Reduce up a binomial tree over the ranks in their order: at the step of distance m, rank r (a
 * multiple of 2m) folds the block of ranks [r + m, r + 2m) into its own [r, r + m), so rank 0 ends
 * with the fold of all in rank order (non-commutative operations included), and passes it to the
 * root if that is another rank. Cost: one message sent per rank (two at rank 0 for another root),
 * ⌈log₂ N⌉ received at most, each of n bytes. Objects go up the same tree unfolded and the root
 * folds them ({@link Folds#objects}), which gives exactly the coordinator's result.
 */
final class ReduceBinomial extends AmongRanks {
    ReduceBinomial() {
        super(Kind.REDUCE, "binomial");
    }

    @Override
    void check(Exchange x, CollCall call) {
        Folds.check(call);
    }

    @Override
    CompletableFuture<ByteBuf[]> steps(Flow f, CollCall call) {
        Op op = Ops.of(call.op());
        int root = call.root();
        boolean isRoot = f.rank() == root;
        if (call.elemType() == 0) {
            return Gathers.toRoot(f, root, call.parts()[0]).thenApply(all -> isRoot && !f.failed()
                    ? Folds.objects(f.exchange().serial(), op, all) : Parts.NONE);
        }
        ElementType t = ElementType.ofCode(call.elemType());
        return toZero(f, t, op, call.parts()[0], 1).thenCompose(acc -> {
            if (f.rank() == 0 && root != 0) {
                f.send(root, acc);
                return CompletableFuture.completedFuture(Parts.NONE);
            }
            if (isRoot && root != 0) {
                return f.recv(0);
            }
            return CompletableFuture.completedFuture(isRoot && acc != null ? new ByteBuf[] {acc} : Parts.NONE);
        });
    }

    /** This rank's fold once its subtree is in: the whole fold at rank 0, null elsewhere (passed up). */
    static CompletableFuture<ByteBuf> toZero(Flow f, ElementType t, Op op, ByteBuf acc, int m) {
        int n = f.size();
        int r = f.rank();
        if (m >= n) {
            return CompletableFuture.completedFuture(acc);
        }
        if ((r & m) != 0) {
            f.send(r - m, acc);
            return CompletableFuture.completedFuture(null);
        }
        if (r + m >= n) {
            return toZero(f, t, op, acc, m << 1);
        }
        return f.recv(r + m).thenCompose(got -> toZero(f, t, op, Folds.combine(f, t, op, acc, Folds.first(got)),
                m << 1));
    }
}
