package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Parts;

/**
 * Scatter down a binomial tree rooted at the root: a rank gets from its parent the parts of its
 * subtree (a run of relative ranks), keeps its own and passes each child the parts of the child's
 * subtree, the largest first. Each rank answers with its own part. Cost: one message received per
 * rank, ⌈log₂ N⌉ sent at most; the root sends (N − 1)·n bytes in all.
 */
final class ScatterBinomial extends AmongRanks {
    ScatterBinomial() {
        super(Kind.SCATTER, "binomial");
    }

    @Override
    CompletableFuture<ByteBuf[]> steps(Flow f, CollCall call) {
        int n = f.size();
        int root = call.root();
        int rel = (f.rank() - root + n) % n;
        if (rel != 0) {
            Parts.release(call.parts());
            int low = Integer.lowestOneBit(rel);
            return f.recv(real(rel - low, root, n)).thenApply(got -> down(f, root, rel, low, got));
        }
        ByteBuf[] parts = call.parts();
        if (parts.length != n) {
            // only the root can tell: its subtrees learn it in place of their parts
            Parts.release(parts);
            f.fail(new MPIException(MPI.ERR_COUNT, "scatter of " + parts.length + " items to " + n + " ranks"));
            return CompletableFuture.completedFuture(down(f, root, rel, ceilPow2(n), null));
        }
        ByteBuf[] byRel = new ByteBuf[n];
        for (int i = 0; i < n; i++) {
            byRel[i] = parts[real(i, root, n)];
        }
        return CompletableFuture.completedFuture(down(f, root, rel, ceilPow2(n), byRel));
    }

    /** Passes each child below span its subtree's parts; returns this rank's own as its answer. */
    private static ByteBuf[] down(Flow f, int root, int rel, int span, ByteBuf[] have) {
        int n = f.size();
        for (int m = span >> 1; m >= 1; m >>= 1) {
            if (rel + m < n) {
                int from = m;
                int to = Math.min(2 * m, n - rel);
                f.send(real(rel + m, root, n), () -> Arrays.copyOfRange(have, from, to));
            }
        }
        // every part but this rank's own went to a subtree; after a failure there are none
        if (have == null || f.failed()) {
            return null;
        }
        return new ByteBuf[] {have[0]};
    }
}
