package jmpi.runtime.rma;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Op;
import jmpi.Request;
import jmpi.Win;
import jmpi.runtime.elem.BufferView;
import jmpi.runtime.rma.Layout.Access;
import jmpi.runtime.rma.RmaWire.Kind;

/**
 * A window, as the origin of operations: checks each call here (epoch, buffers, range, op), sends it
 * to the target's service thread on the window's own communicator, and waits for the answers that
 * complete it. Each origin's messages reach a target in order, so confirming a flush confirms all.
 */
final class RuntimeWin extends Win {
    private final Comm comm;
    private final int rank;
    private final WindowMemory memory;
    private final Layout layout;
    private final Thread service;
    private final Epochs epochs = new Epochs();
    private final Pending pending = new Pending();
    private final AtomicInteger tags = new AtomicInteger();
    private volatile boolean freed;

    RuntimeWin(Comm comm, WindowMemory memory, Layout layout) {
        this.comm = comm;
        this.rank = comm.rank();
        this.memory = memory;
        this.layout = layout;
        this.service = new Thread(new Target(comm, memory), "jmpi-window-rank-" + rank);
        service.setDaemon(true);
        service.start();
    }

    @Override
    public ByteBuffer tomemory() {
        alive();
        return memory.view();
    }

    @Override
    public Request<Void> Rput(Object origin, int targetRank, long targetDisp) {
        Access a = access("Put", targetRank, targetDisp, BufferView.of(origin, "origin"), -1);
        if (a == null) {
            return WinRequest.completed();
        }
        byte[] m = RmaWire.request(Kind.PUT, rank, 0, a.offset(), a.view().type().code(), 0, 0, a.length(),
                a.bytes(a.view()));
        Request<Void> sent = comm.isend(m, targetRank, RmaWire.REQUEST);
        return track(targetRank, new WinRequest(sent, sent.toCompletableFuture()));
    }

    @Override
    public Request<Void> Rget(Object origin, int targetRank, long targetDisp) {
        BufferView into = BufferView.of(origin, "recv origin");
        Access a = access("Get", targetRank, targetDisp, into, -1);
        if (a == null) {
            return WinRequest.completed();
        }
        return ask(targetRank, tag -> RmaWire.request(Kind.GET, rank, tag, a.offset(), into.type().code(), 0, 0,
                a.length()), into, a.count());
    }

    @Override
    public Request<Void> Raccumulate(Object origin, int targetRank, long targetDisp, Op op) {
        BufferView from = BufferView.of(origin, "origin");
        Access a = access("Accumulate", targetRank, targetDisp, from, -1);
        if (a == null) {
            return WinRequest.completed();
        }
        Ops.check(op, from.type());
        byte[] m = RmaWire.request(Kind.ACCUMULATE, rank, 0, a.offset(), from.type().code(), op.ordinal(), 0,
                a.length(), a.bytes(from));
        Request<Void> sent = comm.isend(m, targetRank, RmaWire.REQUEST);
        return track(targetRank, new WinRequest(sent, sent.toCompletableFuture()));
    }

    @Override
    public Request<Void> Rget_accumulate(Object origin, Object result, int targetRank, long targetDisp, Op op) {
        BufferView into = BufferView.of(result, "recv result");
        BufferView from = Ops.operand(origin, into, op);
        return getAccumulate("Get_accumulate", from, into, targetRank, targetDisp, op,
                from == null ? into.count() : from.count());
    }

    @Override
    public void Fetch_and_op(Object origin, Object result, int targetRank, long targetDisp, Op op) {
        BufferView into = BufferView.of(result, "recv result");
        BufferView from = Ops.operand(origin, into, op);
        getAccumulate("Fetch_and_op", from, into, targetRank, targetDisp, op, 1).waitFor();
    }

    private Request<Void> getAccumulate(String what, BufferView from, BufferView into, int targetRank, long disp,
            Op op, int count) {
        Ops.check(op, into.type());
        Ops.holds(what, "result", into, count);
        if (from != null) {
            Ops.holds(what, "origin", from, count);
        }
        Access a = access(what, targetRank, disp, into, count);
        if (a == null) {
            return WinRequest.completed();
        }
        byte[] data = from == null ? new byte[a.length()] : Access.bytes(from, count);
        return ask(targetRank, tag -> RmaWire.request(Kind.GET_ACCUMULATE, rank, tag, a.offset(), into.type().code(),
                op.ordinal(), 0, a.length(), data), into, count);
    }

    @Override
    public void Compare_and_swap(Object origin, Object compare, Object result, int targetRank, long targetDisp) {
        BufferView into = BufferView.of(result, "recv result");
        BufferView value = Ops.sameType("Compare_and_swap", "origin", BufferView.of(origin, "origin"), into);
        BufferView expected = Ops.sameType("Compare_and_swap", "compare", BufferView.of(compare, "compare"), into);
        for (BufferView v : new BufferView[] {into, value, expected}) {
            Ops.holds("Compare_and_swap", "each buffer", v, 1);
        }
        Access a = access("Compare_and_swap", targetRank, targetDisp, into, 1);
        if (a == null) {
            return;
        }
        ask(targetRank, tag -> RmaWire.request(Kind.COMPARE_AND_SWAP, rank, tag, a.offset(), into.type().code(), 0,
                0, a.length(), Access.bytes(value, 1), Access.bytes(expected, 1)), into, 1).waitFor();
    }

    /** Posts the receive of the answer, then sends the request; the answer's bytes go into into. */
    private Request<Void> ask(int target, IntFunction<byte[]> request, BufferView into, int count) {
        int tag = nextTag();
        Request<Object> answer = comm.irecv(target, tag);
        comm.send(request.apply(tag), target, RmaWire.REQUEST);
        CompletableFuture<Void> done = answer.toCompletableFuture().thenAccept(reply -> {
            byte[] data = RmaWire.answer(reply);
            into.type().decode(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN), into.buf(), 0, count);
        });
        return track(target, new WinRequest(answer, done));
    }

    private WinRequest track(int target, WinRequest r) {
        pending.add(target, r.toCompletableFuture());
        return r;
    }

    /** A request with no data whose answer is an acknowledgement: lock, unlock, flush. */
    private void roundTrip(Kind kind, int target, int lockType) {
        int tag = nextTag();
        Request<Object> answer = comm.irecv(target, tag);
        comm.send(RmaWire.control(kind, rank, tag, lockType), target, RmaWire.REQUEST);
        RmaWire.answer(answer.waitFor());
    }

    private int nextTag() {
        return tags.updateAndGet(t -> t == MPI.TAG_UB ? 1 : t + 1);
    }

    /** The checks every access makes; null for {@code MPI.PROC_NULL}, where nothing happens. */
    private Access access(String what, int target, long disp, BufferView view, int count) {
        alive();
        if (target == MPI.PROC_NULL) {
            return null;
        }
        layout.checkRank(what, target);
        epochs.checkAccess(what, target);
        return layout.access(what, target, disp, view, count < 0 ? view.count() : count);
    }

    private void alive() {
        if (freed) {
            throw new MPIException(MPI.ERR_WIN, "the window is freed");
        }
    }

    @Override
    public void Fence(int assertion) {
        alive();
        epochs.checkNoLocks("Fence");
        for (int t : pending.targets()) {
            flushTarget(t);
        }
        comm.barrier();
        epochs.fenced((assertion & MPI.MODE_NOSUCCEED) == 0);
    }

    @Override
    public void Lock(int lockType, int target, int assertion) {
        alive();
        if (lockType != MPI.LOCK_EXCLUSIVE && lockType != MPI.LOCK_SHARED) {
            throw new MPIException(MPI.ERR_ARG, "lock type " + lockType + " is neither MPI.LOCK_EXCLUSIVE nor"
                    + " MPI.LOCK_SHARED");
        }
        layout.checkRank("Lock", target);
        epochs.lock(target, lockType);
        try {
            roundTrip(Kind.LOCK, target, lockType);
        } catch (RuntimeException e) {
            epochs.unlocked(target);
            throw e;
        }
    }

    @Override
    public void Unlock(int target) {
        alive();
        epochs.checkUnlock(target);
        try {
            pending.awaitLocal(target);
            roundTrip(Kind.UNLOCK, target, 0);
        } finally {
            epochs.unlocked(target);
        }
    }

    @Override
    public void Lock_all(int assertion) {
        alive();
        epochs.lockAll();
        int locked = 0;
        try {
            for (; locked < layout.size(); locked++) {
                roundTrip(Kind.LOCK, locked, MPI.LOCK_SHARED);
            }
        } catch (RuntimeException e) {
            for (int t = 0; t < locked; t++) {
                roundTrip(Kind.UNLOCK, t, 0);
            }
            epochs.unlockedAll();
            throw e;
        }
    }

    @Override
    public void Unlock_all() {
        alive();
        epochs.checkUnlockAll();
        try {
            for (int t = 0; t < layout.size(); t++) {
                pending.awaitLocal(t);
                roundTrip(Kind.UNLOCK, t, 0);
            }
        } finally {
            epochs.unlockedAll();
        }
    }

    @Override
    public void Flush(int target) {
        alive();
        layout.checkRank("Flush", target);
        epochs.checkPassive("Flush(" + target + ")", target);
        flushTarget(target);
    }

    @Override
    public void Flush_all() {
        alive();
        epochs.checkPassive("Flush_all()", -1);
        for (int t : epochs.locked(layout.size())) {
            flushTarget(t);
        }
    }

    private void flushTarget(int target) {
        pending.awaitLocal(target);
        roundTrip(Kind.FLUSH, target, 0);
    }

    @Override
    public void Sync() {
        alive();
        synchronized (memory) {
            // entering the monitor the service thread writes under makes its writes visible here
        }
    }

    @Override
    public void free() {
        alive();
        epochs.checkNoLocks("free()");
        for (int t : pending.targets()) {
            flushTarget(t);
        }
        comm.barrier(); // every rank's operations on this rank's memory are done
        freed = true;
        comm.send(RmaWire.control(Kind.STOP, rank, 0, 0), rank, RmaWire.REQUEST);
        try {
            service.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MPIException(MPI.ERR_OTHER, "interrupted while freeing a window", e);
        }
        comm.Free();
    }
}
