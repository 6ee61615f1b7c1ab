package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.wire.ErrorInfo;
import jmpi.runtime.wire.Parts;
import jmpi.runtime.wire.Reply;

/**
 * One rank's run of an algorithm among the ranks, and its failure. Once something failed here (a
 * fold, a message, a peer), the algorithm goes on with its pattern of messages, but sends the failure
 * in place of each message it owes and drops what it receives: so every rank that waits on this one
 * learns of the failure instead of waiting forever, and no message is left unreceived.
 * Steps run one after another, each after the message it waits for, so the state needs no lock.
 */
final class Flow {
    private final Exchange x;
    private final List<CompletableFuture<Void>> sends = new ArrayList<>();
    private Throwable failure;

    Flow(Exchange x) {
        this.x = x;
    }

    Exchange exchange() {
        return x;
    }

    int rank() {
        return x.rank();
    }

    int size() {
        return x.size();
    }

    boolean failed() {
        return failure != null;
    }

    /** Records the first failure; later messages carry it. */
    void fail(Throwable why) {
        if (failure == null) {
            failure = unwrap(why);
        }
    }

    /** Sends the parts made by what (only once nothing failed) to a rank, or the failure instead. */
    void send(int to, Supplier<ByteBuf[]> what) {
        sends.add(failure == null ? x.send(to, what.get()) : x.fail(to, ErrorInfo.of(failure)));
    }

    /** Sends parts (references pass here) to a rank, or, once something failed, releases them and sends the failure. */
    void send(int to, ByteBuf... parts) {
        if (failure != null) {
            Parts.release(parts);
        }
        send(to, () -> parts);
    }

    /** The parts a rank sends (the caller owns them), or null once something failed here or there. */
    CompletableFuture<ByteBuf[]> recv(int from) {
        return x.recv(from).handle((parts, e) -> {
            if (e != null) {
                fail(e);
                return null;
            }
            if (failure != null) {
                Parts.release(parts);
                return null;
            }
            return parts;
        });
    }

    /**
     * The rank's answer once the result is in and every message it sent is written: the result's
     * parts as the coordinator would have sent them, or the failure (the parts then released).
     */
    CompletableFuture<Reply> reply(int reqId, CompletableFuture<ByteBuf[]> result) {
        return result.handle((parts, e) -> {
            if (e != null) {
                fail(e);
            }
            return parts;
        }).thenCompose(parts -> CompletableFuture.allOf(sends.toArray(new CompletableFuture<?>[0])).handle((v, e) -> {
            if (e != null) {
                fail(e);
            }
            if (failure != null) {
                if (parts != null) {
                    Parts.release(parts);
                }
                return Reply.error(reqId, ErrorInfo.of(failure));
            }
            return Reply.ok(reqId, parts == null ? Parts.NONE : parts);
        }));
    }

    static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof MPIException || t instanceof RuntimeException ? t
                : new MPIException(MPI.ERR_OTHER, String.valueOf(t), t);
    }
}
