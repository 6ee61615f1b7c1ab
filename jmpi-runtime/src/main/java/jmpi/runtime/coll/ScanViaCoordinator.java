package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import jmpi.Op;
import jmpi.runtime.elem.ElementType;
import jmpi.runtime.elem.Reductions;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Parts;

/**
 * Scan and exscan: member i gets the fold, in rank order, of members 0..i (scan) or 0..i-1 (exscan;
 * member 0 gets nothing). Buffers fold once along the ranks, each prefix copied out as it passes;
 * objects are reduced per prefix with the op's own rules (plain MINLOC/MAXLOC values are indexed by
 * rank). Cost on the coordinator: N−1 element-wise folds and N copies of n bytes.
 */
final class ScanViaCoordinator extends ViaCoordinator {
    /** kind: {@link Kind#SCAN} or {@link Kind#EXSCAN}. */
    ScanViaCoordinator(Kind kind) {
        super(kind);
    }

    @Override
    public void complete(Gathered calls, Answers answers) {
        CollCall first = (CollCall) calls.call(0);
        Op op = Ops.predefined(first.op());
        ByteBuf[][] out = first.elemType() != 0 ? buffers(calls, first.elemType(), op) : objects(calls, answers, op);
        answers.answerAll(calls, i -> out[i]);
    }

    private ByteBuf[][] buffers(Gathered calls, int elemType, Op op) {
        ElementType type = ElementType.ofCode(elemType);
        int n = calls.size();
        ByteBuf[][] out = new ByteBuf[n][];
        ByteBuf[] parts = calls.firstParts();
        ByteBuf acc = null;
        try {
            for (int i = 0; i < n; i++) {
                if (kind() == Kind.EXSCAN) {
                    out[i] = acc == null ? Parts.NONE : new ByteBuf[] {Unpooled.copiedBuffer(acc)};
                }
                if (acc == null) {
                    acc = Unpooled.copiedBuffer(parts[i]);
                } else {
                    Reductions.fold(type, op, new ByteBuf[] {acc, parts[i]});
                }
                if (kind() == Kind.SCAN) {
                    out[i] = new ByteBuf[] {Unpooled.copiedBuffer(acc)};
                }
            }
            return out;
        } catch (RuntimeException e) {
            for (ByteBuf[] o : out) {
                if (o != null) {
                    Parts.release(o);
                }
            }
            throw e;
        } finally {
            Parts.release(parts);
            if (acc != null) {
                acc.release();
            }
        }
    }

    private ByteBuf[][] objects(Gathered calls, Answers answers, Op op) {
        int n = calls.size();
        List<Object> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(answers.serial().fromBytes(calls.call(i).parts()[0]));
        }
        ByteBuf[][] out = new ByteBuf[n][];
        for (int i = 0; i < n; i++) {
            int upTo = kind() == Kind.SCAN ? i + 1 : i;
            out[i] = upTo == 0 ? Parts.NONE
                    : new ByteBuf[] {Parts.wrap(answers.serial().toBytes(op.reduce(values.subList(0, upTo))))};
        }
        return out;
    }
}
