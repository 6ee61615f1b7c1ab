package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Parts;

/**
 * Bcast down a binomial tree rooted at the root: a rank gets the payload from its parent (its
 * relative rank with the lowest bit cleared) and passes it to its children, the largest subtree
 * first. Every rank answers with the payload, the root included, as the coordinator does. Cost:
 * at most ⌈log₂ N⌉ messages sent and one received per rank, each of the payload's n bytes.
 */
final class BcastBinomial extends AmongRanks {
    BcastBinomial() {
        super(Kind.BCAST, "binomial");
    }

    @Override
    CompletableFuture<ByteBuf[]> steps(Flow f, CollCall call) {
        int n = f.size();
        int root = call.root();
        int rel = (f.rank() - root + n) % n;
        if (rel == 0) {
            return CompletableFuture.completedFuture(down(f, root, rel, ceilPow2(n), call.parts()));
        }
        Parts.release(call.parts());
        int low = Integer.lowestOneBit(rel);
        return f.recv(real(rel - low, root, n)).thenApply(got -> down(f, root, rel, low, got));
    }

    /** Passes the payload to the children below span; returns it as this rank's answer. */
    private static ByteBuf[] down(Flow f, int root, int rel, int span, ByteBuf[] payload) {
        int n = f.size();
        for (int m = span >> 1; m >= 1; m >>= 1) {
            if (rel + m < n) {
                f.send(real(rel + m, root, n), () -> share(payload));
            }
        }
        return payload;
    }

    private static ByteBuf[] share(ByteBuf[] parts) {
        ByteBuf[] shared = new ByteBuf[parts.length];
        for (int i = 0; i < parts.length; i++) {
            shared[i] = Parts.share(parts[i]);
        }
        return shared;
    }
}
