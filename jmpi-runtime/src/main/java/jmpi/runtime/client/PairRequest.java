package jmpi.runtime.client;

import java.util.concurrent.CompletableFuture;
import jmpi.Request;
import jmpi.Status;

/**
 * A send and a receive started together (isendrecv): complete once both are, with the receive's
 * result and status. Waiting waits on each, so each drives its own progress as it would alone.
 */
record PairRequest<T>(Request<T> received, Request<Void> sent) implements Request<T> {

    @Override
    public T waitFor() {
        T value = received.waitFor();
        sent.waitFor();
        return value;
    }

    @Override
    public boolean test() {
        return received.test() && sent.test();
    }

    @Override
    public Status status() {
        sent.waitFor();
        return received.status();
    }

    @Override
    public void cancel() {
        // a send cannot be taken back once started; the receive can, if it has not matched
        received.cancel();
    }

    @Override
    public CompletableFuture<T> toCompletableFuture() {
        return received.toCompletableFuture().thenCombine(sent.toCompletableFuture(), (value, none) -> value);
    }
}
