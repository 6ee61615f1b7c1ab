package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Parts;

/**
 * Alltoallw by pairwise exchange, as {@link AlltoallPairwise}: at step s every rank sends its pair of
 * parts for rank + s (the element type's code, then the elements) and receives the pair of rank − s
 * (mod N). The answer holds every sender's pair in rank order, as the coordinator's does, and the
 * client checks each against its receive buffer. Cost: N − 1 messages per rank, each of one buffer.
 */
final class AlltoallwPairwise extends AmongRanks {
    AlltoallwPairwise() {
        super(Kind.ALLTOALLW, "pairwise");
    }

    @Override
    void check(Exchange x, CollCall call) {
        AlltoallwViaCoordinator.checkParts(call.parts(), x.size());
    }

    @Override
    CompletableFuture<ByteBuf[]> steps(Flow f, CollCall call) {
        int n = f.size();
        int r = f.rank();
        ByteBuf[] parts = call.parts();
        ByteBuf[] out = new ByteBuf[2 * n];
        out[2 * r] = parts[2 * r];
        out[2 * r + 1] = parts[2 * r + 1];
        for (int s = 1; s < n; s++) {
            int to = (r + s) % n;
            f.send(to, parts[2 * to], parts[2 * to + 1]);
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
            if (got != null && got.length == 2) {
                out[2 * from] = got[0];
                out[2 * from + 1] = got[1];
            } else if (got != null) {
                f.fail(new MPIException(MPI.ERR_OTHER, "alltoallw: rank " + from + " sent "
                        + got.length + " parts where 2 were due"));
                Parts.release(got);
            }
            return collect(f, out, s + 1);
        });
    }
}
