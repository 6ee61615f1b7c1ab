package jmpi.runtime.link;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import jmpi.spi.Completions;

/**
 * Who reads a {@link SocketLink}'s socket, one thread at a time: a caller waiting for its own reply
 * reads for itself (no hand-off to another thread, each of which costs a wake-up), a caller testing
 * a request reads what has arrived, and while requests are pending that nobody waits in a call for,
 * the connection's progress thread reads; it sleeps when nothing is pending.
 */
final class SocketReaders {
    /** What the readers read from, and what they need to know of the link. */
    interface Source {
        /** Reads until one frame is whole and routes it; false when a read timed out first. */
        boolean readFrame() throws IOException;

        /** Routes every whole frame that has already arrived, without waiting. */
        void routeArrived() throws IOException;

        /** The connection failed while reading. */
        void fail(Throwable e);

        /** Whether the coordinator is lost. */
        boolean lost();

        /** Whether requests wait for replies. */
        boolean pending();

        /** Whether the link is being closed (finalize, abandon). */
        boolean closing();
    }

    /** How often the progress thread looks for pending requests that nobody reads for. */
    private static final long TICK = TimeUnit.MILLISECONDS.toNanos(1);
    /** How long without pending requests before the progress thread sleeps until the next send. */
    private static final long IDLE = TimeUnit.MILLISECONDS.toNanos(50);
    /** The least time between two polls of the socket by threads that test requests. */
    private static final long POLL_GAP = TimeUnit.MICROSECONDS.toNanos(20);

    /**
     * Told of each thread as it starts reading the socket for a call of its own, so that a test can wait
     * for a caller to be the reader instead of watching its stack.
     */
    static volatile Consumer<Thread> readerStarted;

    private final Source source;
    /** Held by the one thread that reads the socket. */
    private final ReentrantLock reading = new ReentrantLock();
    /** Threads waiting in a call while another reads; the reader wakes them when it stops. */
    private final Set<Thread> readerWanted = ConcurrentHashMap.newKeySet();
    private final Thread progress;
    private volatile boolean progressAsleep;
    /** How many waits of this rank are on its peer links, for which the progress thread watches this one. */
    private final AtomicInteger elsewhere = new AtomicInteger();
    private volatile long lastPoll;

    SocketReaders(Source source, String progressName) {
        this.source = source;
        this.progress = new Thread(this::progressLoop, progressName);
        progress.setDaemon(true);
    }

    void startProgress() {
        progress.start();
    }

    /** Takes the reader's place, for reads outside the turns (the welcome, the final drain). */
    void lock() {
        reading.lock();
    }

    void unlock() {
        reading.unlock();
    }

    /** Whether this thread reads the socket now, or is the progress thread: it must not wait for room. */
    boolean isReader() {
        return reading.isHeldByCurrentThread() || Thread.currentThread() == progress;
    }

    boolean isProgress(Thread t) {
        return t == progress;
    }

    /** A request was sent: a sleeping progress thread wakes to read for it. */
    void sent() {
        if (progressAsleep) {
            LockSupport.unpark(progress);
        }
    }

    void waitingElsewhere(int delta) {
        if (elsewhere.addAndGet(delta) > 0 && progressAsleep) {
            LockSupport.unpark(progress);
        }
    }

    /** Wakes the progress thread to see that the link closes, and waits for it to end, at most timeout ms. */
    void stopProgress(long timeoutMs) {
        LockSupport.unpark(progress);
        if (timeoutMs > 0) {
            try {
                progress.join(timeoutMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Returns once f is done: reads the socket while nobody else does, and otherwise waits for f or
     * for the reader to stop, whichever comes first. Returns with f pending once the coordinator is
     * lost (f then has failed, unless it waits for no reply) or the thread is interrupted, within a
     * read timeout; the caller then waits for f, or stops waiting, as it would without this.
     */
    void await(CompletableFuture<?> f) {
        Thread me = Thread.currentThread();
        boolean hooked = false;
        while (!f.isDone() && !source.lost() && !me.isInterrupted()) {
            if (readWhileFree(f::isDone)) {
                return;
            }
            if (!hooked) {
                f.whenComplete((v, e) -> LockSupport.unpark(me));
                hooked = true;
            }
            readerWanted.add(me);
            try {
                // the reader wakes everyone in readerWanted when it stops: registered first, then checked
                if (!f.isDone() && reading.isLocked()) {
                    LockSupport.park(this);
                }
            } finally {
                readerWanted.remove(me);
            }
        }
    }

    /** Reads while nobody else does, until some request completes after generation seen. */
    boolean awaitSignal(long seen) {
        return readWhileFree(() -> Completions.generation() != seen);
    }

    /**
     * Unless another thread reads, reads and routes frames until done says so, the coordinator is
     * lost, or this thread is interrupted (seen at the next read timeout); false if another reads.
     */
    private boolean readWhileFree(BooleanSupplier done) {
        if (source.lost() || !reading.tryLock()) {
            return false;
        }
        Thread me = Thread.currentThread();
        Consumer<Thread> started = readerStarted;
        if (started != null && me != progress) {
            started.accept(me);
        }
        try {
            while (!done.getAsBoolean() && !source.lost()) {
                if (!source.readFrame() && me.isInterrupted()) {
                    break;
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            // the progress thread meets the end of the connection when finalize shuts it: leaving deals with that
            if (!(source.closing() && me == progress)) {
                source.fail(e);
            }
            if (e instanceof Error err) {
                throw err;
            }
        } finally {
            reading.unlock();
            handOff();
        }
        return true;
    }

    /**
     * Routes what has already arrived, without waiting for more: for a caller that tests a request.
     * At most once per {@link #POLL_GAP}, so that testing many requests in a row reads once.
     */
    void poll() {
        long now = System.nanoTime();
        if (now - lastPoll < POLL_GAP || source.lost() || !reading.tryLock()) {
            return;
        }
        lastPoll = now;
        try {
            source.routeArrived();
        } catch (IOException | RuntimeException e) {
            source.fail(e);
        } finally {
            reading.unlock();
            handOff();
        }
    }

    /** After a reader stops: another waiting caller reads next, or else the progress thread. */
    private void handOff() {
        if (!readerWanted.isEmpty()) {
            for (Thread t : readerWanted) {
                LockSupport.unpark(t);
            }
        } else if (source.pending() && !source.lost()) {
            LockSupport.unpark(progress);
        }
    }

    private boolean busy() {
        return source.pending() || elsewhere.get() > 0;
    }

    /** Reads pending replies while nobody else does; sleeps until a send when nothing is pending. */
    private void progressLoop() {
        long lastBusy = System.nanoTime();
        while (!source.closing() && !source.lost()) {
            if (busy()) {
                lastBusy = System.nanoTime();
                // a caller that waits reads for itself: this thread gives way to it after each frame
                if (readerWanted.isEmpty() && readWhileFree(() -> !busy() || !readerWanted.isEmpty()
                        || source.closing())) {
                    continue;
                }
            }
            if (System.nanoTime() - lastBusy < IDLE) {
                LockSupport.parkNanos(this, TICK);
            } else {
                progressAsleep = true;
                // a send after this check unparks it, since it saw progressAsleep set
                if (!busy() && !source.closing()) {
                    LockSupport.park(this);
                }
                progressAsleep = false;
                lastBusy = System.nanoTime();
            }
        }
    }
}
