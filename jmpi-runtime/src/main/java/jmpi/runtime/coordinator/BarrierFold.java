package jmpi.runtime.coordinator;

import jmpi.runtime.wire.Parts;

/** Barrier: every member's call has arrived, which is all a barrier asks; each gets an empty answer. */
final class BarrierFold implements Fold {
    @Override
    public void complete(Pending p, FoldContext ctx) {
        ctx.replyAll(p, i -> Parts.NONE);
    }
}
