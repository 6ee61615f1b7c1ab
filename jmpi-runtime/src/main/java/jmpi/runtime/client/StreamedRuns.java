package jmpi.runtime.client;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import jmpi.runtime.coll.CollectiveTable;
import jmpi.runtime.coll.Exchange;
import jmpi.runtime.link.Errors;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.ErrorInfo;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Parts;
import jmpi.runtime.wire.Reply;

/**
 * Starts a collective that streams from and into the user's buffers (a large Bcast, a large
 * Alltoall): it runs among the ranks on the data plane, with no parts read up front, and its request
 * completes when this rank's stream does.
 */
final class StreamedRuns {
    private StreamedRuns() {
    }

    /** Whether the table gives a buffer collective of kind, bytes a rank, an algorithm of type streamed on comm. */
    static boolean chosen(CommCore comm, Kind kind, long bytes, Class<?> streamed) {
        return comm.data() != null
                && streamed.isInstance(CollectiveTable.choose(kind, CollectiveTable.Shape.of(bytes, comm.size(), 0)));
    }

    /**
     * Runs stream as comm's collective numbered seq (kind, root and element type as every rank gives
     * them, so ranks that called different collectives find out); bytes is what the request reports.
     */
    static FutureRequest<Void> start(CommCore comm, long seq, Kind kind, int root, int elemType, long bytes,
            Function<Exchange, CompletableFuture<Void>> stream) {
        int reqId = comm.conn().nextId();
        CollCall c = new CollCall(reqId, kind, comm.id(), seq, root, 0, elemType, Parts.NONE);
        FutureRequest<Void> r = comm.track(new FutureRequest<>(), kind.label(), bytes, comm.data().driver());
        if (comm.failedAMember(r)) {
            return r;
        }
        stream.apply(new RankExchange(comm, comm.data().collectives(), c)).whenComplete((x, e) ->
                comm.complete(r, e != null ? Reply.error(reqId, ErrorInfo.of(Errors.unwrap(e))) : Reply.ok(reqId, Parts.NONE),
                        reply -> null));
        return r;
    }
}
