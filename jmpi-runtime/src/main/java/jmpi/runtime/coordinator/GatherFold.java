package jmpi.runtime.coordinator;

import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.Parts;

/** Gather and allgather: every member's payload, in rank order, to the root or to everyone. */
final class GatherFold implements Fold {
    private final boolean toAll;

    GatherFold(boolean toAll) {
        this.toAll = toAll;
    }

    @Override
    public void complete(Pending p, FoldContext ctx) {
        int root = ((CollCall) p.calls[0]).root();
        ctx.replyAll(p, i -> toAll || i == root ? p.firstParts() : Parts.NONE);
    }
}
