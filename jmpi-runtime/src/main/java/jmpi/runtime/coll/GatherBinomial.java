package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.Kind;

/**
 * Gather up a binomial tree rooted at the root ({@link Gathers#toRoot}): the root answers with every
 * rank's part in rank order, the others with none. Cost: one message sent per rank, ⌈log₂ N⌉
 * received at most; the root's subtrees bring N·n bytes in all.
 */
final class GatherBinomial extends AmongRanks {
    GatherBinomial() {
        super(Kind.GATHER, "binomial");
    }

    @Override
    CompletableFuture<ByteBuf[]> steps(Flow f, CollCall call) {
        return Gathers.toRoot(f, call.root(), call.parts()[0]);
    }
}
