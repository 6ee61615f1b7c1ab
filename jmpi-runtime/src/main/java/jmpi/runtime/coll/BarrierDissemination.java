package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Parts;

/**
 * Barrier by dissemination: in round k every rank tells rank + 2^k and waits for rank − 2^k (mod N),
 * so after ⌈log₂ N⌉ rounds each has heard, through some chain, from every other. Cost: ⌈log₂ N⌉
 * empty messages per rank, any N.
 */
final class BarrierDissemination extends AmongRanks {
    BarrierDissemination() {
        super(Kind.BARRIER, "dissemination");
    }

    @Override
    CompletableFuture<ByteBuf[]> steps(Flow f, CollCall call) {
        Parts.release(call.parts());
        return round(f, 1).thenApply(v -> Parts.NONE);
    }

    private static CompletableFuture<Void> round(Flow f, int d) {
        int n = f.size();
        if (d >= n) {
            return CompletableFuture.completedFuture(null);
        }
        int r = f.rank();
        f.send((r + d) % n, Parts.NONE);
        return f.recv((r - d + n) % n).thenCompose(got -> {
            if (got != null) {
                Parts.release(got);
            }
            return round(f, d << 1);
        });
    }
}
