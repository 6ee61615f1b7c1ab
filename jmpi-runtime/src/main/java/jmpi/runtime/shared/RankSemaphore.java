package jmpi.runtime.shared;

import java.util.concurrent.TimeUnit;
import jmpi.runtime.wire.SharedOp;
import jmpi.shared.SharedSemaphore;

/** A shared semaphore: each call names the permits it starts with, for whichever call creates it. */
record RankSemaphore(SharedCalls calls, String name, int initial) implements SharedSemaphore {
    @Override
    public void acquire(int permits) throws InterruptedException {
        if (!take(permits, -1)) {
            throw new InterruptedException("interrupted while waiting for " + permits + " permits of semaphore \""
                    + name + "\"");
        }
    }

    @Override
    public boolean tryAcquire(int permits) {
        return calls.call(SharedOp.TRY_ACQUIRE, name, positive(permits), initial).word() == 1;
    }

    @Override
    public boolean tryAcquire(int permits, long timeout, TimeUnit unit) throws InterruptedException {
        return take(permits, Math.max(0, unit.toNanos(timeout)));
    }

    /** Waits at most nanos (negative: no limit); false if it gave up without permits. */
    private boolean take(int permits, long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        boolean[] interrupted = {false};
        SharedCalls.Answer a = calls.start(SharedOp.ACQUIRE, name, positive(permits), initial).await(nanos, interrupted);
        if (a.cancelled() && interrupted[0]) {
            throw new InterruptedException("interrupted while waiting for permits of semaphore \"" + name + "\"");
        }
        if (interrupted[0]) {
            // granted before the interrupt was seen: the permits are this thread's, and so is the interrupt
            Thread.currentThread().interrupt();
        }
        return !a.cancelled();
    }

    @Override
    public void release(int permits) {
        calls.call(SharedOp.RELEASE, name, positive(permits), initial);
    }

    @Override
    public int availablePermits() {
        long n = calls.call(SharedOp.PERMITS, name, 0, initial).word();
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n));
    }

    private static int positive(int permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be 1 or more, not " + permits);
        }
        return permits;
    }

    @Override
    public String toString() {
        return "SharedSemaphore[" + name + "]";
    }
}
