package jmpi.runtime.shared;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import jmpi.runtime.wire.SharedOp;
import jmpi.shared.SharedLock;

/**
 * A shared lock on this rank: the coordinator knows which thread of which rank holds it; this rank
 * keeps the holding thread and its count of holds, so that reentry and a wrong unlock need no call.
 */
final class RankLock implements SharedLock {
    /** Each thread's id as an owner of shared locks, the same for the thread's life. */
    private static final AtomicLong OWNERS = new AtomicLong();
    private static final ThreadLocal<Long> OWNER = ThreadLocal.withInitial(OWNERS::incrementAndGet);
    private static final long GRANTED = 1;
    private static final long AFTER_FAILURE = 2;

    private final SharedCalls calls;
    private final String name;
    private Thread holder;
    private int holds;
    private boolean afterFailure;

    RankLock(SharedCalls calls, String name) {
        this.calls = calls;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void lock() {
        if (!reentered()) {
            took(calls.call(SharedOp.LOCK, name, OWNER.get(), 0).word());
        }
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (!waitFor(-1)) {
            throw new InterruptedException("interrupted while waiting for lock \"" + name + "\"");
        }
    }

    @Override
    public boolean tryLock() {
        return reentered() || took(calls.call(SharedOp.TRY_LOCK, name, OWNER.get(), 0).word());
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return waitFor(Math.max(0, unit.toNanos(time)));
    }

    /** Waits at most nanos (negative: no limit); false if it gave up without the lock, by time or interrupt. */
    private boolean waitFor(long nanos) throws InterruptedException {
        if (reentered()) {
            return true;
        }
        boolean[] interrupted = {false};
        SharedCalls.Answer a = calls.start(SharedOp.LOCK, name, OWNER.get(), 0).await(nanos, interrupted);
        if (a.cancelled() && interrupted[0]) {
            throw new InterruptedException("interrupted while waiting for lock \"" + name + "\"");
        }
        if (interrupted[0]) {
            // granted before the interrupt was seen: the lock is this thread's, and so is the interrupt
            Thread.currentThread().interrupt();
        }
        return !a.cancelled() && took(a.word());
    }

    private synchronized boolean reentered() {
        if (holder != Thread.currentThread()) {
            return false;
        }
        if (holds == Integer.MAX_VALUE) {
            throw new Error("maximum lock count exceeded");
        }
        holds++;
        return true;
    }

    private synchronized boolean took(long word) {
        if ((word & GRANTED) == 0) {
            return false;
        }
        holder = Thread.currentThread();
        holds = 1;
        afterFailure = (word & AFTER_FAILURE) != 0;
        return true;
    }

    @Override
    public void unlock() {
        synchronized (this) {
            if (holder != Thread.currentThread()) {
                throw new IllegalMonitorStateException("this thread does not hold shared lock \"" + name + "\"");
            }
            if (--holds > 0) {
                return;
            }
            holder = null;
            afterFailure = false;
        }
        if (calls.call(SharedOp.UNLOCK, name, OWNER.get(), 0).word() != 1) {
            throw new IllegalMonitorStateException("the coordinator has no hold of shared lock \"" + name
                    + "\" by this thread (a new job, or a coordinator that restarted)");
        }
    }

    @Override
    public synchronized boolean previousOwnerFailed() {
        return holder == Thread.currentThread() && afterFailure;
    }

    @Override
    public synchronized boolean isHeldByCurrentThread() {
        return holder == Thread.currentThread();
    }

    @Override
    public String toString() {
        return "SharedLock[" + name + "]";
    }
}
