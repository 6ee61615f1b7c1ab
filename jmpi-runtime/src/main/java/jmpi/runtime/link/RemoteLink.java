package jmpi.runtime.link;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.ProcessFailedException;
import jmpi.runtime.link.shm.Arena;
import jmpi.runtime.link.shm.ShmLink;
import jmpi.runtime.wire.SharedParts;
import jmpi.runtime.wire.Call;
import jmpi.runtime.wire.ErrorInfo;
import jmpi.runtime.wire.Frame;
import jmpi.runtime.wire.CommRevoked;
import jmpi.runtime.wire.JobAborted;
import jmpi.runtime.wire.RankFailed;
import jmpi.runtime.wire.Refused;
import jmpi.runtime.wire.Reply;
import jmpi.runtime.wire.Welcome;

/**
 * A rank's link to its coordinator, whatever carries the frames: request ids, replies routed to
 * whoever waits for them, the loss of the coordinator, the size limit, shared memory for large parts.
 */
abstract class RemoteLink implements Link {
    static final System.Logger LOG = System.getLogger(RemoteLink.class.getName());
    /** How long a sender waits for room in shared memory before its payload takes the socket. */
    private static final long SHM_PATIENCE = TimeUnit.MILLISECONDS.toNanos(200);

    final Map<Integer, Consumer<Reply>> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    final CompletableFuture<Void> welcomed = new CompletableFuture<>();
    volatile MPIException lost;
    /** Who hears what the coordinator says unasked: the data plane, and the process that watches for its loss. */
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    volatile boolean leaving;
    volatile long limit = Long.MAX_VALUE;
    /** This rank's shared memory for large payloads, while the coordinator shares its host; else null. */
    volatile Arena arena;
    private volatile boolean shmGaveUp;
    private volatile Supplier<List<String>> waits = List::of;

    @Override
    public Arena sharedArena() {
        return arena;
    }

    /** Whether this thread may wait for room in shared memory: not one that must read or write frames. */
    abstract boolean mayWaitForRoom();

    /** A buffer for a large part when shared memory cannot take it. */
    ByteBuf socketPart(int len) {
        return Link.super.newPart(len);
    }

    /** Stops naming parts in shared memory on the wire. */
    abstract void unlinkShm();

    @Override
    public int nextId() {
        return ids.incrementAndGet();
    }

    /** Waits, if need be, until the connection takes another frame. */
    void beforeSend() {
    }

    /** Fails locally if the coordinator is lost or f is too large, releasing f; then {@link #beforeSend()}. */
    void readyToSend(Frame f) {
        try {
            MPIException l = lost;
            if (l != null) {
                throw l;
            }
            checkSize(f);
            beforeSend();
        } catch (RuntimeException e) {
            // the frame will not be written, so nobody else releases its payload
            ReferenceCountUtil.release(f);
            throw e;
        }
    }

    /**
     * Fails locally, before anything is sent, when a call carries more than JMPI_SERIAL_SIZE bytes or
     * more than one frame holds.
     */
    private void checkSize(Frame f) {
        if (!(f instanceof Call c)) {
            return;
        }
        if (c.payloadBytes() > limit) {
            throw new MPIException(MPI.ERR_COUNT, "a message of " + c.payloadBytes() + " bytes exceeds the limit of "
                    + limit + " bytes (JMPI_SERIAL_SIZE)");
        }
        Netty.checkRelayable(c.payloadBytes());
    }

    /**
     * Large parts go straight into shared memory when the coordinator shares this host: one copy
     * fewer. When the segment is full, the caller waits a little for receivers to free blocks, as a
     * full socket makes it wait; if none are freed in that time (their receivers are busy elsewhere),
     * the payload goes through the socket, and so do the next ones until blocks are free again.
     */
    @Override
    public ByteBuf newPart(int len) {
        Arena a = arena;
        // an interrupted thread would close the segment's file channel as it grows the segment
        if (a != null && len >= SharedParts.MIN_PART && mayWaitForRoom() && !Thread.currentThread().isInterrupted()) {
            ByteBuf b = a.allocate(len);
            // the threads of the peer links take room that is free, and never wait for more
            if (b == null && !shmGaveUp && !LinkThreads.busy()) {
                long deadline = System.nanoTime() + SHM_PATIENCE;
                // receivers free blocks in other processes, which cannot wake this thread: look again, less and less often
                for (long pause = 10_000; b == null && System.nanoTime() < deadline && lost == null && a.fits(len);
                     pause = Math.min(pause * 2, 1_000_000)) {
                    LockSupport.parkNanos(pause);
                    b = a.allocate(len);
                }
            }
            shmGaveUp = b == null;
            if (b != null) {
                return b;
            }
        }
        return socketPart(len);
    }

    /**
     * Stops offering shared memory and removes the segment's file. Only while no peer can know its
     * name: the coordinator did not take it, or the connection never got that far.
     */
    void dropArena() {
        Arena a = arena;
        arena = null;
        if (a != null) {
            unlinkShm();
            a.delete();
        }
    }

    MPIException lostError(Throwable cause) {
        MPIException l = lost;
        return l != null ? l : new ProcessFailedException(MPI.UNDEFINED, "lost the coordinator: " + Breakage.of(cause));
    }

    void dispatch(Reply r) {
        Consumer<Reply> w = waiting.remove(r.reqId());
        if (w != null) {
            try {
                w.accept(r);
            } catch (RuntimeException | StackOverflowError e) {
                // whoever waits for it learns from its own request; the thread that read it goes on
                LOG.log(System.Logger.Level.WARNING, "a reply could not be delivered: " + e, e);
            }
        } else if (r.status() == Reply.ERROR) {
            LOG.log(System.Logger.Level.WARNING, "coordinator: {0}", r.error().message());
        }
    }

    /** Routes a frame from the coordinator; false for one a rank never expects. */
    boolean received(Frame f, ShmLink shm) {
        if (f instanceof Reply r) {
            dispatch(r);
        } else if (f instanceof Welcome w) {
            if ((w.flags() & Welcome.SHM) != 0 && shm != null) {
                shm.startSending();
            } else {
                dropArena();
            }
            welcomed.complete(null);
        } else if (f instanceof RankFailed rf) {
            for (Watcher w : watchers) {
                w.rankFailed(rf.rank());
            }
        } else if (f instanceof CommRevoked cr) {
            for (Watcher w : watchers) {
                w.commRevoked(cr.comm(), cr.byRank());
            }
        } else if (f instanceof JobAborted a) {
            for (Watcher w : watchers) {
                w.aborted(a.rank(), a.code());
            }
        } else if (f instanceof jmpi.runtime.wire.RankQuery q) {
            ThreadDump.answer(this, q, waits);
        } else if (f instanceof Refused r) {
            lose(new MPIException(MPI.ERR_OTHER, "the coordinator refused this rank: " + r.reason()));
            return false;
        }
        return true;
    }

    /** The connection closed: a failure unless this rank was leaving. */
    void closed() {
        if (!leaving) {
            // the file stays while this process lives: the coordinator may still forward what this
            // rank sent (a connection can close while both ends live); at exit it goes, as nobody
            // can then serve the rank's messages
            Arena a = arena;
            if (a != null) {
                a.deleteOnExit();
            }
            lose(new ProcessFailedException(MPI.UNDEFINED, "lost the coordinator: the connection closed"));
        } else {
            // a request another thread still waits for when this rank finalized: it can never complete
            lose(new MPIException(MPI.ERR_COMM, "MPI.Finalize() ran while this request was pending"));
        }
    }

    @Override
    public void reportWaits(Supplier<List<String>> waits) {
        this.waits = waits;
    }

    @Override
    public void watchFirst(Watcher w) {
        watchers.add(0, w);
        tellIfLost(w);
    }

    @Override
    public void watch(Watcher w) {
        watchers.add(w);
        tellIfLost(w);
    }

    private void tellIfLost(Watcher w) {
        MPIException e = lost;
        if (e != null) {
            w.lost(e);
        }
    }

    void lose(MPIException e) {
        if (lost == null) {
            lost = e;
        }
        for (Watcher watching : watchers) {
            watching.lost(e);
        }
        welcomed.completeExceptionally(e);
        for (Integer id : waiting.keySet()) {
            Consumer<Reply> w = waiting.remove(id);
            if (w != null) {
                w.accept(Reply.error(id, ErrorInfo.of(e)));
            }
        }
    }
}
