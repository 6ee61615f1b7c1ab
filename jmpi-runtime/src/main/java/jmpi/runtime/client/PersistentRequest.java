package jmpi.runtime.client;

import java.util.concurrent.CompletableFuture;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Prequest;
import jmpi.Request;
import jmpi.Status;
import jmpi.spi.Completions;

/**
 * A persistent request: a {@link Starter} made once, by an {@code _init} call, and started any number
 * of times. Active from a start until a wait or test has seen that start complete; what the request
 * reports is its latest start's.
 */
final class PersistentRequest<T> implements Prequest<T>, Completions.Signalling {
    private final CommCore comm;
    private final String name;
    private final Starter<T> starter;
    /** The latest start, null before the first and after free. */
    private Request<T> current;
    private boolean active;
    private boolean freed;

    /** name: the call that made it, for error messages. */
    PersistentRequest(CommCore comm, String name, Starter<T> starter) {
        this.comm = comm;
        this.name = name;
        this.starter = starter;
    }

    @Override
    public synchronized void start() {
        if (freed) {
            throw new MPIException(MPI.ERR_REQUEST, "this " + name + " request has been freed: make a new one");
        }
        if (active) {
            throw new MPIException(MPI.ERR_REQUEST, "this " + name + " request is active: complete it with waitFor"
                    + " or test before starting it again");
        }
        comm.checkLive();
        current = starter.start();
        active = true;
    }

    @Override
    public synchronized void free() {
        freed = true;
        active = false;
        current = null;
    }

    private synchronized Request<T> current() {
        return current;
    }

    /** Once a wait or test has seen start r complete, the request is inactive (unless started since). */
    private synchronized void settle(Request<T> r) {
        if (current == r) {
            active = false;
        }
    }

    @Override
    public T waitFor() {
        Request<T> r = current();
        if (r == null) {
            return null;
        }
        try {
            return r.waitFor();
        } finally {
            settle(r);
        }
    }

    @Override
    public boolean test() {
        Request<T> r = current();
        if (r == null) {
            return true;
        }
        boolean done = r.test();
        if (done) {
            settle(r);
        }
        return done;
    }

    @Override
    public Status status() {
        Request<T> r = current();
        if (r == null) {
            return FutureRequest.EMPTY;
        }
        try {
            return r.status();
        } finally {
            settle(r);
        }
    }

    @Override
    public void cancel() {
        Request<T> r = current();
        if (r != null) {
            r.cancel();
        }
    }

    @Override
    public CompletableFuture<T> toCompletableFuture() {
        Request<T> r = current();
        return r == null ? CompletableFuture.completedFuture(null) : r.toCompletableFuture();
    }

    @Override
    public boolean awaitSignal(long seen) throws InterruptedException {
        return current() instanceof Completions.Signalling s && s.awaitSignal(seen);
    }

    @Override
    public synchronized String toString() {
        return "Prequest[" + name + ", " + (freed ? "freed" : active ? "active" : "inactive") + "]";
    }
}
