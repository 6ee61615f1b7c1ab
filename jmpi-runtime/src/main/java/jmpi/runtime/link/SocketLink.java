// Over 400 lines on purpose: who reads the socket (a waiting caller, a tester, the progress thread,
// the final drain) is one state machine over the same lock and socket; split into files, each piece
// would reach into all the others' fields. Opening the link (SocketOpening), its frames on the wire
// (SocketFrames, FrameReader), encoding buffers (HeapAllocator) and connect retries (ConnectRetry)
// live apart.
package jmpi.runtime.link;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import jmpi.Config;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.ProcessFailedException;
import jmpi.runtime.link.shm.Arena;
import jmpi.runtime.link.shm.ShmLink;
import jmpi.runtime.wire.Bye;
import jmpi.runtime.wire.Cancel;
import jmpi.runtime.wire.ErrorInfo;
import jmpi.runtime.wire.Frame;
import jmpi.runtime.wire.Hello;
import jmpi.runtime.wire.JobAborted;
import jmpi.runtime.wire.Reply;
import jmpi.spi.Completions;

/**
 * A rank's connection to the coordinator over plain TCP, driven by the rank's own threads. A caller
 * writes its frame to the socket itself, and a caller that waits for its reply reads the socket
 * itself, routing whatever else arrives on the way: a blocking operation hands nothing to another
 * thread, and each hand-off is a wake-up, 20-30 µs on a small virtual machine. While requests are
 * pending and nobody waits in a call (requests started and left, {@code waitAny}, a future), a
 * progress thread of the connection reads instead.
 *
 * <p>Plain {@link Socket} streams, not a channel: a read or write of an interrupted thread must not
 * close the connection. Reads time out every {@link #READ_TIMEOUT_MS} ms, so that a reader notices
 * an interrupt or the end of the connection's life. What completes when a reply is routed runs on
 * the thread that read it: the runtime's own bookkeeping only, as the futures users chain on
 * complete elsewhere ({@link jmpi.Request#toCompletableFuture()}).
 */
final class SocketLink extends RemoteLink {
    /** How often the progress thread looks for pending requests that nobody reads for. */
    private static final long TICK = TimeUnit.MILLISECONDS.toNanos(1);
    /** How long without pending requests before the progress thread sleeps until the next send. */
    private static final long IDLE = TimeUnit.MILLISECONDS.toNanos(50);
    /** How long a read waits before its thread looks whether it should stop reading. */
    private static final int READ_TIMEOUT_MS = 100;
    /** The least time between two polls of the socket by threads that test requests. */
    private static final long POLL_GAP = TimeUnit.MICROSECONDS.toNanos(20);

    private final Socket socket;
    private volatile ShmLink shm;
    /** Held by the one thread that reads the socket. */
    private final ReentrantLock reading = new ReentrantLock();
    /** Threads waiting in a call while another reads; the reader wakes them when it stops. */
    private final Set<Thread> readerWanted = ConcurrentHashMap.newKeySet();
    /** The socket's frames; only the holder of {@link #reading} reads them. */
    private final SocketFrames frames;
    private final Thread progress;
    /**
     * Told of each thread as it starts reading the socket for a call of its own, so that a test can wait
     * for a caller to be the reader instead of watching its stack.
     */
    static volatile Consumer<Thread> readerStarted;
    private volatile boolean progressAsleep;
    /** How many waits of this rank are on its peer links, for which the progress thread watches this one. */
    private final java.util.concurrent.atomic.AtomicInteger elsewhere = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean closing;
    private volatile long lastPoll;

    SocketLink(Socket socket, Config config, Arena arena) throws IOException {
        this.socket = socket;
        this.frames = new SocketFrames(socket, config);
        this.limit = config.serialSize();
        this.arena = arena;
        this.shm = arena == null ? null : new ShmLink(arena, false);
        this.progress = new Thread(this::progressLoop, "jmpi-progress-" + config.rank());
        progress.setDaemon(true);
    }

    @Override
    public String carrier() {
        return "tcp";
    }

    /**
     * Says hello and reads until the coordinator's welcome, within deadline (at least 5 s); a coordinator
     * that closes the connection without a word turned this rank away ({@link SocketOpening.TurnedAway}).
     */
    void introduce(Hello hello, long deadline, String where) throws IOException {
        write(hello);
        long left = Math.max(deadline - System.nanoTime(), TimeUnit.SECONDS.toNanos(5));
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))));
        reading.lock();
        try {
            while (!welcomed.isDone()) {
                if (!readFrame()) {
                    throw new MPIException(MPI.ERR_OTHER, "the coordinator at " + where + " did not answer");
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof MPIException m) {
                throw m;
            }
            fail(e);
            if (e instanceof EOFException || e instanceof SocketException) {
                throw new SocketOpening.TurnedAway(e);
            }
        } finally {
            reading.unlock();
        }
        // failed, the welcome throws why
        welcomed.join();
        socket.setSoTimeout(READ_TIMEOUT_MS);
        progress.start();
    }

    /** Gives up a connection that was never welcomed. */
    void discard() {
        closeQuietly(socket);
        dropArena();
        dropInbound();
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing is all that is left to do
        }
    }

    @Override
    boolean mayWaitForRoom() {
        // the reader frees this rank's blocks of others' segments; it must not wait for room
        return !reading.isHeldByCurrentThread() && Thread.currentThread() != progress;
    }

    @Override
    void unlinkShm() {
        shm = null;
    }

    /** On the heap, where a socket stream writes it in one call; Netty's direct buffers go 8 KiB at a time. */
    @Override
    ByteBuf socketPart(int len) {
        return SocketFrames.HEAP.heapBuffer(len, len);
    }

    @Override
    public void send(Frame f, int reqId, Consumer<Reply> onReply) {
        readyToSend(f);
        // registered before sending, as replies can be quick
        waiting.put(reqId, onReply);
        if (progressAsleep) {
            LockSupport.unpark(progress);
        }
        try {
            write(f);
        } catch (IOException e) {
            fail(e);
        } catch (RuntimeException e) {
            waiting.remove(reqId);
            throw e;
        }
        MPIException l = lost;
        if (l != null) {
            // lost while this request was being registered, after the loss failed every request it saw
            Consumer<Reply> w = waiting.remove(reqId);
            if (w != null) {
                w.accept(Reply.error(reqId, ErrorInfo.of(l)));
            }
        }
    }

    @Override
    public void waitingElsewhere(int delta) {
        if (elsewhere.addAndGet(delta) > 0 && progressAsleep) {
            LockSupport.unpark(progress);
        }
    }

    @Override
    public CompletableFuture<Void> sendOneWay(Frame f) {
        readyToSend(f);
        try {
            write(f);
            return CompletableFuture.completedFuture(null);
        } catch (IOException e) {
            fail(e);
            return CompletableFuture.failedFuture(lostError(e));
        }
    }

    @Override
    public void cancel(int reqId) {
        if (lost == null) {
            try {
                write(new Cancel(reqId));
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    /** Encodes f (releasing it) and writes it whole. */
    private void write(Frame f) throws IOException {
        frames.write(f, shm);
    }

    /**
     * Returns once f is done: reads the socket while nobody else does, and otherwise waits for f or
     * for the reader to stop, whichever comes first. Returns with f pending once the coordinator is
     * lost (f then has failed, unless it waits for no reply) or the thread is interrupted, within a
     * read timeout; the caller then waits for f, or stops waiting, as it would without this.
     */
    @Override
    public void await(CompletableFuture<?> f) {
        Thread me = Thread.currentThread();
        boolean hooked = false;
        while (!f.isDone() && lost == null && !me.isInterrupted()) {
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
    @Override
    public boolean awaitSignal(long seen) {
        return readWhileFree(() -> Completions.generation() != seen);
    }

    /**
     * Unless another thread reads, reads and routes frames until done says so, the coordinator is
     * lost, or this thread is interrupted (seen at the next read timeout); false if another reads.
     */
    private boolean readWhileFree(BooleanSupplier done) {
        if (lost != null || !reading.tryLock()) {
            return false;
        }
        Thread me = Thread.currentThread();
        Consumer<Thread> started = readerStarted;
        if (started != null && me != progress) {
            started.accept(me);
        }
        try {
            while (!done.getAsBoolean() && lost == null) {
                if (!readFrame() && me.isInterrupted()) {
                    break;
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            // the progress thread meets the end of the connection when finalize shuts it: leave() deals with that
            if (!(closing && me == progress)) {
                fail(e);
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
    @Override
    public void poll() {
        long now = System.nanoTime();
        if (now - lastPoll < POLL_GAP || lost != null || !reading.tryLock()) {
            return;
        }
        lastPoll = now;
        try {
            frames.readArrived();
            while (route(frames.buffered(shm))) {
                // every whole frame that was read
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
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
        } else if (!waiting.isEmpty() && lost == null) {
            LockSupport.unpark(progress);
        }
    }

    /** Reads pending replies while nobody else does; sleeps until a send when nothing is pending. */
    private void progressLoop() {
        long lastBusy = System.nanoTime();
        while (!closing && lost == null) {
            if (!waiting.isEmpty() || elsewhere.get() > 0) {
                lastBusy = System.nanoTime();
                // a caller that waits reads for itself: this thread gives way to it after each frame
                if (readerWanted.isEmpty() && readWhileFree(() -> waiting.isEmpty() && elsewhere.get() == 0
                        || !readerWanted.isEmpty() || closing)) {
                    continue;
                }
            }
            if (System.nanoTime() - lastBusy < IDLE) {
                LockSupport.parkNanos(this, TICK);
            } else {
                progressAsleep = true;
                // a send after this check unparks it, since it saw progressAsleep set
                if (waiting.isEmpty() && elsewhere.get() == 0 && !closing) {
                    LockSupport.park(this);
                }
                progressAsleep = false;
                lastBusy = System.nanoTime();
            }
        }
    }

    /**
     * Reads until one frame is complete and routes it; false when a read timed out first. Only the
     * holder of {@link #reading} calls this.
     */
    private boolean readFrame() throws IOException {
        return route(frames.read(shm));
    }

    /** Routes a frame (null: none arrived); false for none. */
    private boolean route(Frame f) throws IOException {
        if (f == null) {
            return false;
        }
        boolean expected;
        try {
            expected = received(f, shm);
        } finally {
            // as a channel handler's message: whoever keeps a part took a reference of its own
            ReferenceCountUtil.release(f);
        }
        if (!expected) {
            throw new IOException("the coordinator refused this rank");
        }
        return true;
    }

    /** The connection failed: every pending request fails, and the socket closes. */
    private void fail(Throwable e) {
        if (e instanceof EOFException || e instanceof SocketException) {
            closed();
        } else {
            lose(new ProcessFailedException(MPI.UNDEFINED, "lost the coordinator: " + Breakage.of(e)));
        }
        closeQuietly(socket);
    }

    @Override
    public void leave() {
        leaveWith(new Bye());
    }

    /** Aborts the job: JobAborted is this rank's last word, then it leaves as leave() does, without a goodbye. */
    @Override
    public void abort(int rank, int code) {
        leaveWith(new JobAborted(rank, code));
    }

    private void leaveWith(Frame last) {
        leaving = true;
        closing = true;
        if (lost == null) {
            try {
                write(last);
                // the coordinator closes its end when ours is shut: the reader then meets the end at once
                socket.shutdownOutput();
            } catch (IOException e) {
                // the coordinator is gone already: nothing to say goodbye to
            }
        }
        LockSupport.unpark(progress);
        try {
            progress.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drain();
        closeQuietly(socket);
        closed();
        dropInbound();
    }

    @Override
    public void abandon() {
        closing = true;
        closeQuietly(socket);
        LockSupport.unpark(progress);
    }

    /**
     * Reads to the end of the connection, routing what still comes, for at most a few seconds:
     * closing a socket with unread bytes resets the connection, and a reset can overtake the goodbye.
     */
    private void drain() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        reading.lock();
        try {
            while (lost == null && System.nanoTime() < deadline) {
                readFrame();
            }
        } catch (IOException | RuntimeException e) {
            // the end of the connection, as expected
        } finally {
            reading.unlock();
        }
    }

    /** Gives back what was read and not decoded, once nobody reads any more. */
    private void dropInbound() {
        reading.lock();
        try {
            frames.release();
        } finally {
            reading.unlock();
        }
    }
}
