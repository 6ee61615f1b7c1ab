package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import jmpi.Op;
import jmpi.runtime.elem.ElementType;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Parts;

/**
 * Scan and exscan by recursive doubling, the operands kept in rank order. At the step of distance m,
 * rank r and r ^ m (when that is a rank) swap the fold of their aligned block of m ranks: both fold
 * the lower block with the upper into the fold of their block of 2m, and the upper one also folds the
 * lower block ahead of its own prefix. So rank r ends with x0 ⊕ … ⊕ xr (exscan: up to x(r−1); rank 0
 * gets nothing and its buffer is left as it was), non-commutative ops included, folded in an order
 * fixed by N and r alone, run after run. Chosen whenever the ranks have links of their own.
 * Cost: ⌈log₂ N⌉ messages per rank of n bytes, up to 2·⌈log₂ N⌉ folds.
 * Objects: every value goes to every rank ({@link Gathers#toAll}), which folds its prefix with
 * {@link Op#reduce}, as the coordinator does (plain MINLOC/MAXLOC values indexed by rank).
 */
final class ScanRecursiveDoubling extends AmongRanks {
    /** kind: {@link Kind#SCAN} or {@link Kind#EXSCAN}. */
    ScanRecursiveDoubling(Kind kind) {
        super(kind, "recursive-doubling");
    }

    @Override
    void check(Exchange x, CollCall call) {
        Folds.check(call);
    }

    @Override
    CompletableFuture<ByteBuf[]> steps(Flow f, CollCall call) {
        Op op = Ops.of(call.op());
        boolean exclusive = kind() == Kind.EXSCAN;
        int r = f.rank();
        if (call.elemType() == 0) {
            int n = f.size();
            return Gathers.toAll(f, call.parts()[0]).thenApply(all -> f.failed() ? Parts.NONE
                    : Folds.prefix(f.exchange().serial(), op, all, exclusive ? r : r + 1, exclusive ? n - 1 : n));
        }
        ElementType t = ElementType.ofCode(call.elemType());
        ByteBuf partial = Folds.writable(call.parts()[0]);
        ByteBuf prefix = exclusive ? null : partial.copy();
        return step(f, t, op, partial, prefix, 1).thenApply(result -> result == null ? Parts.NONE
                : new ByteBuf[] {result});
    }

    /**
     * The step of distance m. partial: the fold of this rank's aligned block of m ranks (those past N
     * left out); prefix: the fold from the start of that block up to this rank (exscan: before it; null
     * while empty). Completes with the prefix once every step is done.
     */
    private static CompletableFuture<ByteBuf> step(Flow f, ElementType t, Op op, ByteBuf partial, ByteBuf prefix,
            int m) {
        int n = f.size();
        int r = f.rank();
        if (m >= n) {
            Folds.release(partial);
            return CompletableFuture.completedFuture(prefix);
        }
        int partner = r ^ m;
        if (partner >= n) {
            return step(f, t, op, partial, prefix, m << 1);
        }
        f.send(partner, () -> new ByteBuf[] {partial.copy()});
        return f.recv(partner).thenCompose(got -> {
            ByteBuf other = Folds.first(got);
            if (partner > r) {
                return step(f, t, op, Folds.combine(f, t, op, partial, other), prefix, m << 1);
            }
            // the partner's block comes just before this rank's: ahead of the prefix and of the partial
            ByteBuf ahead = other == null || f.failed() ? null : other.copy();
            ByteBuf nextPrefix = prefix == null ? ahead : Folds.combine(f, t, op, ahead, prefix);
            return step(f, t, op, Folds.combine(f, t, op, other, partial), nextPrefix, m << 1);
        });
    }
}
