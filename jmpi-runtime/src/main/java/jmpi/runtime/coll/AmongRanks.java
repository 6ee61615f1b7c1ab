package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.ErrorInfo;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Parts;
import jmpi.runtime.wire.Reply;

/**
 * A collective that the ranks run among themselves, on their own links (the data plane), with no
 * coordinator in the way. Each rank runs {@link #run} with its own call; the answer is exactly the
 * {@link Reply} that the kind's coordinator algorithm would have sent this rank (same parts, in the
 * same order), so the client decodes it the same way whichever path it took.
 *
 * <p>An algorithm first checks what every rank checks alike (the op against the element type), and
 * throws before it sends anything, so every rank fails the same way and nothing is left on the wire;
 * what only one rank can find out later goes through {@link Flow#fail}, which tells the ranks that
 * wait on it.
 */
public abstract class AmongRanks implements Collective {
    private final Kind kind;
    private final String name;

    protected AmongRanks(Kind kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    @Override
    public final Kind kind() {
        return kind;
    }

    @Override
    public final String name() {
        return name;
    }

    /** This rank's part of the collective; call's parts pass here. Completes with this rank's answer. */
    public final CompletableFuture<Reply> run(Exchange x, CollCall call) {
        try {
            check(x, call);
        } catch (RuntimeException e) {
            Parts.release(call.parts());
            return CompletableFuture.completedFuture(Reply.error(call.reqId(), ErrorInfo.of(e)));
        }
        Flow f = new Flow(x);
        CompletableFuture<ByteBuf[]> result;
        try {
            result = steps(f, call);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return f.reply(call.reqId(), result);
    }

    /** What every rank finds alike before anything is sent; throws the failure. */
    void check(Exchange x, CollCall call) {
    }

    /**
     * Runs the algorithm: its messages through f, and this rank's answer parts at the end (null, or
     * anything, once f has failed). Takes call's parts; it must not throw once it has passed any on.
     */
    abstract CompletableFuture<ByteBuf[]> steps(Flow f, CollCall call);

    /** The rank of the communicator that holds relative rank rel in a tree rooted at root. */
    static int real(int rel, int root, int n) {
        return (rel + root) % n;
    }

    /** The smallest power of two that is at least n. */
    static int ceilPow2(int n) {
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }
}
