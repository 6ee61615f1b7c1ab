package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.Kind;

/**
 * Alltoall by pairwise exchange: at step s every rank sends its part for rank + s and receives the
 * part of rank − s (mod N), so each pair meets once and no rank ever waits on two. The sends go at
 * once, the receives one by one. Cost: N − 1 messages per rank, each of one block.
 */
final class AlltoallPairwise extends AmongRanks {
    AlltoallPairwise() {
        super(Kind.ALLTOALL, "pairwise");
    }

    @Override
    void check(Exchange x, CollCall call) {
        if (call.parts().length != x.size()) {
            throw new MPIException(MPI.ERR_COUNT, "alltoall of " + call.parts().length + " items among " + x.size()
                    + " ranks");
        }
    }

    @Override
    CompletableFuture<ByteBuf[]> steps(Flow f, CollCall call) {
        int n = f.size();
        int r = f.rank();
        ByteBuf[] parts = call.parts();
        ByteBuf[] out = new ByteBuf[n];
        out[r] = parts[r];
        for (int s = 1; s < n; s++) {
            f.send((r + s) % n, parts[(r + s) % n]);
        }
        return collect(f, out, 1);
    }

    private static CompletableFuture<ByteBuf[]> collect(Flow f, ByteBuf[] out, int s) {
        int n = f.size();
        if (s >= n) {
            return CompletableFuture.completedFuture(out);
        }
        int from = (f.rank() - s + n) % n;
        return f.recv(from).thenCompose(got -> {
            out[from] = Folds.first(got);
            return collect(f, out, s + 1);
        });
    }
}
