package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import jmpi.Op;
import jmpi.runtime.elem.ElementType;
import jmpi.runtime.elem.Reductions;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Parts;

/**
 * Reduce and allreduce, folded in rank order. Buffers fold in place into the first member's bytes
 * ({@link Reductions}); objects are deserialized, reduced by the op, and the result serialized once.
 */
final class ReduceViaCoordinator extends ViaCoordinator {
    /** kind: {@link Kind#REDUCE} or {@link Kind#ALLREDUCE}. */
    ReduceViaCoordinator(Kind kind) {
        super(kind);
    }

    @Override
    public void complete(Gathered calls, Answers answers) {
        CollCall first = (CollCall) calls.call(0);
        Op op = Ops.predefined(first.op());
        int root = first.root();
        boolean toAll = kind() == Kind.ALLREDUCE;
        if (first.elemType() != 0) {
            ByteBuf[] parts = calls.firstParts();
            try {
                Reductions.fold(ElementType.ofCode(first.elemType()), op, parts);
                ByteBuf result = parts[0];
                answers.answerAll(calls, i -> toAll || i == root ? new ByteBuf[] {Parts.share(result)} : Parts.NONE);
            } finally {
                Parts.release(parts);
            }
            return;
        }
        List<Object> values = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            values.add(answers.serial().fromBytes(calls.call(i).parts()[0]));
        }
        byte[] result = answers.serial().toBytes(op.reduce(values));
        answers.answerAll(calls, i -> toAll || i == root ? new ByteBuf[] {Parts.wrap(result)} : Parts.NONE);
    }
}
