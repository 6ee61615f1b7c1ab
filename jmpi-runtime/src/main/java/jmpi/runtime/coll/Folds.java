package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import jmpi.Op;
import jmpi.runtime.elem.ElementType;
import jmpi.runtime.elem.Reductions;
import jmpi.runtime.serial.ObjectSerializer;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.Parts;

/**
 * The folds of the reductions among the ranks. Buffers fold a lower block of ranks with the block
 * just above it, always in that order, so a reduction's order (and its floating-point bits) depends
 * on N alone and non-commutative operations keep rank order. Objects fold as the coordinator folds
 * them: every value, deserialized, in rank order, by {@link Op#reduce}.
 */
final class Folds {
    private Folds() {
    }

    /** What every rank checks alike before a reduction: the op, and that it applies to the elements. */
    static void check(CollCall call) {
        Op op = Ops.of(call.op());
        if (call.elemType() != 0) {
            // one part folds nothing, but fails as a fold of many would for the op and the type
            Reductions.fold(ElementType.ofCode(call.elemType()), op, new ByteBuf[] {call.parts()[0]});
        }
    }

    /**
     * lower ⊕ upper, into lower (the other released): the ranks of lower come before those of upper.
     * Null when either is missing or the flow has failed; a failing fold fails the flow.
     */
    static ByteBuf combine(Flow f, ElementType t, Op op, ByteBuf lower, ByteBuf upper) {
        if (f.failed() || lower == null || upper == null) {
            release(lower);
            release(upper);
            return null;
        }
        try {
            lower = writable(lower);
            Reductions.fold(t, op, new ByteBuf[] {lower, upper});
            return lower;
        } catch (RuntimeException e) {
            f.fail(e);
            lower.release();
            return null;
        } finally {
            upper.release();
        }
    }

    /** The bytes of the smallest piece a buffer of t may be cut into for op: an element, or a MINLOC/MAXLOC pair. */
    static int unit(ElementType t, Op op) {
        return op == Op.MINLOC || op == Op.MAXLOC ? 2 * t.size() : t.size();
    }

    /** A buffer this rank may fold into: read-only bytes are copied first. */
    static ByteBuf writable(ByteBuf b) {
        if (!b.isReadOnly()) {
            return b;
        }
        ByteBuf copy = Unpooled.copiedBuffer(b);
        b.release();
        return copy;
    }

    /** The one part of a message, or null for none. */
    static ByteBuf first(ByteBuf[] parts) {
        if (parts == null || parts.length == 0) {
            return null;
        }
        for (int i = 1; i < parts.length; i++) {
            release(parts[i]);
        }
        return parts[0];
    }

    /** The answer of an object reduction: the values (released here) folded in rank order, serialized. */
    static ByteBuf[] objects(ObjectSerializer serial, Op op, ByteBuf[] inRankOrder) {
        try {
            List<Object> values = new ArrayList<>(inRankOrder.length);
            for (ByteBuf b : inRankOrder) {
                values.add(serial.fromBytes(b));
            }
            return new ByteBuf[] {Parts.wrap(serial.toBytes(op.reduce(values)))};
        } finally {
            Parts.release(inRankOrder);
        }
    }

    /**
     * The answer of an object scan: the first upTo values (all released here) folded in rank order,
     * serialized, or none when upTo is 0. The longest prefix that any rank gets is folded as well,
     * so that every rank fails when any would, as on the coordinator.
     */
    static ByteBuf[] prefix(ObjectSerializer serial, Op op, ByteBuf[] inRankOrder, int upTo, int longest) {
        try {
            List<Object> values = new ArrayList<>(inRankOrder.length);
            for (ByteBuf b : inRankOrder) {
                values.add(serial.fromBytes(b));
            }
            Object mine = upTo == 0 ? null : op.reduce(values.subList(0, upTo));
            if (longest > upTo) {
                op.reduce(values.subList(0, longest));
            }
            return upTo == 0 ? Parts.NONE : new ByteBuf[] {Parts.wrap(serial.toBytes(mine))};
        } finally {
            Parts.release(inRankOrder);
        }
    }

    /** The answer acc once done completes; acc released if it fails, since nobody else will. */
    static CompletableFuture<ByteBuf[]> answer(CompletableFuture<?> done, ByteBuf acc) {
        done.whenComplete((v, e) -> {
            if (e != null) {
                acc.release();
            }
        });
        return done.thenApply(v -> new ByteBuf[] {acc});
    }

    static void release(ByteBuf b) {
        if (b != null) {
            b.release();
        }
    }
}
