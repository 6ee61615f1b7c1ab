package jmpi.runtime.shared;

import io.netty.buffer.ByteBuf;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.runtime.link.Errors;
import jmpi.runtime.link.Link;
import jmpi.runtime.serial.ObjectSerializer;
import jmpi.runtime.wire.ErrorInfo;
import jmpi.runtime.wire.Parts;
import jmpi.runtime.wire.Reply;
import jmpi.runtime.wire.SharedCall;
import jmpi.runtime.wire.SharedOp;
import jmpi.shared.SharedCounter;
import jmpi.shared.SharedLock;
import jmpi.shared.SharedMap;
import jmpi.shared.SharedSemaphore;

/**
 * A communicator's shared state as its rank reaches it: each operation is one {@link SharedCall} to
 * the coordinator and its reply, waited for in the caller's thread. A wait that is given up (a
 * timeout, an interrupt) cancels the call, then takes the coordinator's last word: either the call
 * was taken back, or it had been granted just before, and the grant stands.
 */
public final class SharedCalls {
    /** A reply, read before the link releases it: status, the long it carries, a map value's bytes. */
    record Answer(byte status, long word, byte[] value, ErrorInfo error) {
        static Answer of(Reply r) {
            if (r.status() == Reply.ERROR) {
                return new Answer(r.status(), 0, null, r.error());
            }
            ByteBuf[] p = r.parts();
            long word = p.length > 0 && p[0] != null ? p[0].getLong(p[0].readerIndex()) : 0;
            return new Answer(r.status(), word, p.length > 1 ? Parts.bytes(p[1]) : null, null);
        }

        boolean cancelled() {
            return status == Reply.CANCELLED;
        }
    }

    private final Link link;
    private final int comm;
    private final ObjectSerializer serial;
    private final Runnable checkLive;
    private final Map<String, RankLock> locks = new ConcurrentHashMap<>();

    /** checkLive throws when the communicator or the session can take no more calls. */
    public SharedCalls(Link link, int comm, ObjectSerializer serial, Runnable checkLive) {
        this.link = link;
        this.comm = comm;
        this.serial = serial;
        this.checkLive = checkLive;
    }

    public SharedCounter counter(String name) {
        return new RankCounter(this, checked(name));
    }

    /** The same lock object for the same name, since it keeps which thread of this rank holds it. */
    public SharedLock lock(String name) {
        return locks.computeIfAbsent(checked(name), n -> new RankLock(this, n));
    }

    public SharedSemaphore semaphore(String name, int permits) {
        return new RankSemaphore(this, checked(name), permits);
    }

    public <K, V> SharedMap<K, V> map(String name) {
        return new RankMap<>(this, checked(name));
    }

    ObjectSerializer serial() {
        return serial;
    }

    private static String checked(String name) {
        if (name == null || name.isEmpty()) {
            throw new MPIException(MPI.ERR_ARG, "shared state needs a name that is not empty");
        }
        return name;
    }

    /** A call made, waiting for its answer. */
    final class Pending {
        final int reqId;
        final CompletableFuture<Answer> answer = new CompletableFuture<>();

        Pending(int reqId) {
            this.reqId = reqId;
        }

        /** Waits for the answer, not to be interrupted (the interrupt is kept for the caller). */
        Answer await() {
            boolean interrupted = false;
            while (!answer.isDone()) {
                try {
                    waitUntil(answer);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return done();
        }

        /**
         * Waits at most nanos (negative: as long as it takes) or until the thread is interrupted;
         * then cancels the call and returns the last word. interrupted[0] says an interrupt ended it.
         */
        Answer await(long nanos, boolean[] interrupted) {
            CompletableFuture<Object> until = new CompletableFuture<>();
            answer.whenComplete((a, e) -> until.complete(a));
            if (nanos >= 0) {
                until.completeOnTimeout(null, nanos, TimeUnit.NANOSECONDS);
            }
            try {
                while (!until.isDone()) {
                    waitUntil(until);
                }
            } catch (InterruptedException e) {
                interrupted[0] = true;
            }
            if (!answer.isDone()) {
                link.cancel(reqId);
            }
            return await();
        }

        private Answer done() {
            Answer a = answer.join();
            if (a.error() != null) {
                throw a.error().toException();
            }
            return a;
        }
    }

    /** Lets the link read in this thread where it can, else blocks; throws if interrupted. */
    private void waitUntil(CompletableFuture<?> f) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        link.await(f);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        try {
            f.get();
        } catch (ExecutionException e) {
            // the answer's failure is thrown where it is read
        }
    }

    /** Sends a call; parts pass to it. */
    Pending start(SharedOp op, String name, long a, long b, ByteBuf... parts) {
        try {
            checkLive.run();
        } catch (RuntimeException e) {
            Parts.release(parts);
            throw e;
        }
        Pending p = new Pending(link.nextId());
        try {
            link.send(new SharedCall(p.reqId, comm, op, name, a, b, parts), p.reqId, r -> p.answer.complete(Answer.of(r)));
        } catch (RuntimeException e) {
            throw Errors.unwrap(e);
        }
        return p;
    }

    /** Makes a call that does not wait for other ranks, and returns its answer. */
    Answer call(SharedOp op, String name, long a, long b, ByteBuf... parts) {
        return start(op, name, a, b, parts).await();
    }
}
