package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.Kind;

/**
 * Allgather by Bruck's algorithm ({@link Gathers#toAll}): every rank answers with every rank's part
 * in rank order. Cost: ⌈log₂ N⌉ messages per rank for any N, (N − 1)·n bytes received.
 */
final class AllgatherBruck extends AmongRanks {
    AllgatherBruck() {
        super(Kind.ALLGATHER, "bruck");
    }

    @Override
    CompletableFuture<ByteBuf[]> steps(Flow f, CollCall call) {
        return Gathers.toAll(f, call.parts()[0]);
    }
}
