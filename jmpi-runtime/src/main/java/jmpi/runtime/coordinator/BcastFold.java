package jmpi.runtime.coordinator;

import io.netty.buffer.ByteBuf;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.Parts;

/** Bcast: the root's payload goes to every member, as new references to the same bytes. */
final class BcastFold implements Fold {
    @Override
    public void complete(Pending p, FoldContext ctx) {
        int root = ((CollCall) p.calls[0]).root();
        ByteBuf data = p.calls[root].parts()[0];
        ctx.replyAll(p, i -> new ByteBuf[] {Parts.share(data)});
    }
}
