package jmpi;

import java.util.concurrent.CompletableFuture;

/**
 * The message a matched probe of {@link MPI#PROC_NULL} takes: receiving it gives {@code null} or
 * leaves the buffer as it is, with the status of a receive from the null process, any number of times.
 */
final class NoProcMessage implements Message {
    private static final Status STATUS = new Status(MPI.PROC_NULL, MPI.ANY_TAG, 0, false);

    @Override
    public Status status() {
        return STATUS;
    }

    @Override
    public <T> T recv() {
        return null;
    }

    @Override
    public <T> Request<T> irecv() {
        return new Done<>(null);
    }

    @Override
    public Request<Status> Irecv(Object buf) {
        return new Done<>(STATUS);
    }

    @Override
    public boolean received() {
        return false;
    }

    @Override
    public String toString() {
        return "MPI.MESSAGE_NO_PROC";
    }

    /** A request complete from the start. */
    private record Done<T>(T value) implements Request<T> {
        @Override
        public T waitFor() {
            return value;
        }

        @Override
        public boolean test() {
            return true;
        }

        @Override
        public Status status() {
            return STATUS;
        }

        @Override
        public void cancel() {
        }

        @Override
        public CompletableFuture<T> toCompletableFuture() {
            return CompletableFuture.completedFuture(value);
        }
    }
}
