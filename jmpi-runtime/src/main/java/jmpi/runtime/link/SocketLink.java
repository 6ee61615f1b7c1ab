package jmpi.runtime.link;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
 * complete elsewhere ({@link jmpi.Request#toCompletableFuture()}). Who reads when is
 * {@link SocketReaders}'; opening the link is {@link SocketOpening}'s, its frames on the wire
 * {@link SocketFrames}'.
 */
final class SocketLink extends RemoteLink implements SocketReaders.Source {
    /** How long a read waits before its thread looks whether it should stop reading. */
    private static final int READ_TIMEOUT_MS = 100;

    private final Socket socket;
    private volatile ShmLink shm;
    /** The socket's frames; only the reader of {@link #readers} reads them. */
    private final SocketFrames frames;
    private final SocketReaders readers;
    private volatile boolean closing;

    SocketLink(Socket socket, Config config, Arena arena) throws IOException {
        this.socket = socket;
        this.frames = new SocketFrames(socket, config);
        this.limit = config.serialSize();
        this.arena = arena;
        this.shm = arena == null ? null : new ShmLink(arena, false);
        this.readers = new SocketReaders(this, "jmpi-progress-" + config.rank());
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
        readers.lock();
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
            readers.unlock();
        }
        // failed, the welcome throws why
        welcomed.join();
        socket.setSoTimeout(READ_TIMEOUT_MS);
        readers.startProgress();
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
        return !readers.isReader();
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
        readers.sent();
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
        readers.waitingElsewhere(delta);
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

    @Override
    public void await(CompletableFuture<?> f) {
        readers.await(f);
    }

    @Override
    public boolean awaitSignal(long seen) {
        return readers.awaitSignal(seen);
    }

    @Override
    public void poll() {
        readers.poll();
    }

    @Override
    public void routeArrived() throws IOException {
        frames.readArrived();
        while (route(frames.buffered(shm))) {
            // every whole frame that was read
        }
    }

    @Override
    public boolean lost() {
        return lost != null;
    }

    @Override
    public boolean pending() {
        return !waiting.isEmpty();
    }

    @Override
    public boolean closing() {
        return closing;
    }

    /**
     * Reads until one frame is complete and routes it; false when a read timed out first. Only the
     * reader of {@link #readers} calls this.
     */
    @Override
    public boolean readFrame() throws IOException {
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
    @Override
    public void fail(Throwable e) {
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
        readers.stopProgress(TimeUnit.SECONDS.toMillis(5));
        drain();
        closeQuietly(socket);
        closed();
        dropInbound();
    }

    @Override
    public void abandon() {
        closing = true;
        closeQuietly(socket);
        readers.stopProgress(0);
    }

    /**
     * Reads to the end of the connection, routing what still comes, for at most a few seconds:
     * closing a socket with unread bytes resets the connection, and a reset can overtake the goodbye.
     */
    private void drain() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        readers.lock();
        try {
            while (lost == null && System.nanoTime() < deadline) {
                readFrame();
            }
        } catch (IOException | RuntimeException e) {
            // the end of the connection, as expected
        } finally {
            readers.unlock();
        }
    }

    /** Gives back what was read and not decoded, once nobody reads any more. */
    private void dropInbound() {
        readers.lock();
        try {
            frames.release();
        } finally {
            readers.unlock();
        }
    }
}
