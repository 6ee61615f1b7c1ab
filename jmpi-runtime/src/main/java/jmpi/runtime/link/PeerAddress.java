package jmpi.runtime.link;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import jmpi.MPI;
import jmpi.MPIException;

/** Where an outgoing link to a peer finds the peer: asked of the directory once, on the link's first frame. */
final class PeerAddress {
    private PeerAddress() {
    }

    /**
     * Looks rank up and calls connect with its address, or failed with why it cannot be found; returns
     * the error at once, instead, when there is no directory to ask.
     */
    static MPIException lookUp(IntFunction<CompletableFuture<PeerLocation>> directory, int rank,
            Consumer<PeerLocation> connect, Consumer<Throwable> failed) {
        if (directory == null) {
            return new MPIException(MPI.ERR_OTHER, "no way to find rank " + rank + "'s address");
        }
        directory.apply(rank).whenComplete((address, e) -> {
            if (e != null) {
                failed.accept(Errors.unwrap(e));
            } else {
                connect.accept(address);
            }
        });
        return null;
    }
}
