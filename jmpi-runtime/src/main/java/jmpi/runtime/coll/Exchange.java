package jmpi.runtime.coll;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import jmpi.runtime.serial.ObjectSerializer;
import jmpi.runtime.wire.ErrorInfo;

/**
 * This rank's place in one collective that runs among the ranks: who it is, and messages to and from
 * the other ranks of the communicator within this collective alone (its sequence number), so
 * concurrent non-blocking collectives never mix. The client implements it over the data plane.
 */
public interface Exchange {
    /** This rank in the communicator. */
    int rank();

    /** How many ranks the communicator has. */
    int size();

    /** What object reductions deserialize and serialize with. */
    ObjectSerializer serial();

    /** Sends parts (their references pass here) to a rank; completes once written, fails if it has failed. */
    CompletableFuture<Void> send(int to, ByteBuf[] parts);

    /** Tells a rank that waits for data from this one that the collective failed here. */
    CompletableFuture<Void> fail(int to, ErrorInfo why);

    /**
     * The parts a rank sent (their references pass to the caller); fails with the failure it sent
     * instead, with {@code ProcessFailedException} if it fails, or on a collective mismatch.
     */
    CompletableFuture<ByteBuf[]> recv(int from);
}
