package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import jmpi.Op;
import jmpi.runtime.elem.ElementType;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.Kind;

/**
 * A reduction round a ring, for large buffers under a commutative op. Objects and the ops that keep
 * rank order (which the table never gives it, but a name that forces it may) run by the small
 * algorithm instead, on every rank alike.
 */
abstract class RingFold extends AmongRanks {
    private final AmongRanks otherwise;

    RingFold(Kind kind, String name, AmongRanks otherwise) {
        super(kind, name);
        this.otherwise = otherwise;
    }

    @Override
    void check(Exchange x, CollCall call) {
        Folds.check(call);
    }

    @Override
    final CompletableFuture<ByteBuf[]> steps(Flow f, CollCall call) {
        Op op = Ops.of(call.op());
        if (call.elemType() == 0 || !Ops.commutative(op)) {
            return otherwise.steps(f, call);
        }
        ElementType t = ElementType.ofCode(call.elemType());
        ByteBuf acc = Folds.writable(call.parts()[0]);
        return ring(f, call, t, op, acc, new Blocks(acc.readableBytes(), Folds.unit(t, op), f.size()));
    }

    /** The ring's steps on acc, this rank's writable copy of its buffer, cut into blocks. */
    abstract CompletableFuture<ByteBuf[]> ring(Flow f, CollCall call, ElementType t, Op op, ByteBuf acc, Blocks blocks);
}
