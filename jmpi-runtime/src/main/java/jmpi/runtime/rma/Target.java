package jmpi.runtime.rma;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import jmpi.Comm;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Op;
import jmpi.ProcessFailedException;
import jmpi.runtime.elem.ElementType;
import jmpi.runtime.elem.Reductions;
import jmpi.runtime.rma.RmaWire.Kind;
import jmpi.runtime.rma.RmaWire.Req;

/**
 * A rank's side of a window as a target: one thread of its own that receives every request on the
 * window's communicator and applies it to this rank's memory, so a passive target computes while
 * others read and write it. One thread applies everything, in the order each origin sent it: so an
 * accumulate is atomic per element, and a flush or unlock answered means what came before is applied.
 * When a rank fails, the receive from any source fails here until the failure is acknowledged: the
 * target acknowledges it, drops the failed rank's locks and requests, and serves the survivors on.
 */
final class Target implements Runnable {
    private final Comm comm;
    private final WindowMemory memory;
    private final TargetLocks locks = new TargetLocks();
    /** The first failure of a request without an answer (a put, an accumulate), told at its origin's next flush. */
    private final Map<Integer, MPIException> unanswered = new HashMap<>();
    /** The ranks whose failure this target has acknowledged: their requests still on the way are dropped. */
    private final Set<Integer> failed = new HashSet<>();
    private int acked;

    Target(Comm comm, WindowMemory memory) {
        this.comm = comm;
        this.memory = memory;
    }

    @Override
    public void run() {
        while (true) {
            byte[] m;
            try {
                m = comm.recv(MPI.ANY_SOURCE, RmaWire.REQUEST);
            } catch (ProcessFailedException e) {
                if (e.failedRank() == MPI.UNDEFINED || !acknowledgeFailures()) {
                    return; // the coordinator is lost, or a failure cannot be acknowledged: nobody can be served
                }
                continue;
            } catch (RuntimeException e) {
                return; // the job or this rank's session ended: nobody is left to serve
            }
            Req q = RmaWire.read(m);
            if (q.kind() == Kind.STOP) {
                return;
            }
            if (failed.contains(q.origin())) {
                continue; // sent before its origin failed: a lock granted to it now would never be released
            }
            try {
                serve(q);
            } catch (MPIException e) {
                if (q.replyTag() > 0) {
                    comm.isend(RmaWire.failure(e), q.origin(), q.replyTag());
                } else {
                    unanswered.putIfAbsent(q.origin(), e);
                }
            }
        }
    }

    /**
     * Acknowledges the failures known on the window's communicator and releases what each newly
     * failed rank held or waited for here; false if there was no new one to acknowledge.
     */
    private boolean acknowledgeFailures() {
        int now;
        int[] ranks;
        try {
            now = comm.Ack_failed();
            ranks = comm.Get_failed_ranks();
        } catch (RuntimeException e) {
            return false;
        }
        for (int i = acked; i < now; i++) {
            int origin = ranks[i];
            failed.add(origin);
            unanswered.remove(origin);
            locks.release(origin).forEach(a -> ack(a.origin(), a.replyTag()));
        }
        boolean progressed = now > acked;
        acked = now;
        return progressed;
    }

    private void serve(Req q) {
        switch (q.kind()) {
            case PUT -> memory.write(checked(q), q.data());
            case GET -> answer(q, memory.read(checked(q), q.length()));
            case ACCUMULATE -> accumulate(q, checked(q), q.data());
            case GET_ACCUMULATE -> answer(q, accumulate(q, checked(q), q.data()));
            case COMPARE_AND_SWAP -> answer(q, compareAndSwap(q, checked(q)));
            case LOCK -> locks.lock(new TargetLocks.Asker(q.origin(), q.replyTag(), q.lockType() == MPI.LOCK_EXCLUSIVE))
                    .forEach(a -> ack(a.origin(), a.replyTag()));
            case UNLOCK -> {
                MPIException failed = unanswered.remove(q.origin());
                var granted = locks.unlock(q.origin());
                acknowledge(q, failed);
                granted.forEach(a -> ack(a.origin(), a.replyTag()));
            }
            case FLUSH -> acknowledge(q, unanswered.remove(q.origin()));
            case STOP -> throw new IllegalStateException("handled by run");
        }
    }

    /** The request's byte offset, once its bytes are known to lie inside this rank's memory. */
    private long checked(Req q) {
        if (q.offset() < 0 || q.offset() + q.length() > memory.bytes()) {
            throw new MPIException(MPI.ERR_RMA_RANGE, "bytes " + q.offset() + " to " + (q.offset() + q.length())
                    + " lie outside rank " + comm.rank() + "'s " + memory.bytes() + " bytes of window");
        }
        return q.offset();
    }

    /** target = target op origin, per element; returns the target's bytes before. */
    private byte[] accumulate(Req q, long off, byte[] origin) {
        Op op = Op.values()[q.op()];
        synchronized (memory) {
            byte[] before = memory.read(off, q.length());
            if (op == Op.NO_OP) {
                return before;
            }
            byte[] after = op == Op.REPLACE ? origin : before.clone();
            if (op != Op.REPLACE) {
                ByteBuf acc = Unpooled.wrappedBuffer(after);
                Reductions.fold(ElementType.ofCode(q.typeCode()), op, new ByteBuf[] {acc, Unpooled.wrappedBuffer(origin)});
            }
            memory.write(off, after);
            return before;
        }
    }

    /** data is the new value then the value compared with, one element each. */
    private byte[] compareAndSwap(Req q, long off) {
        int n = q.length();
        synchronized (memory) {
            byte[] before = memory.read(off, n);
            if (Arrays.equals(before, 0, n, q.data(), n, 2 * n)) {
                memory.write(off, Arrays.copyOf(q.data(), n));
            }
            return before;
        }
    }

    private void answer(Req q, byte[] data) {
        comm.isend(data, q.origin(), q.replyTag());
    }

    private void ack(int origin, int tag) {
        comm.isend(new byte[0], origin, tag);
    }

    private void acknowledge(Req q, MPIException failed) {
        if (failed == null) {
            ack(q.origin(), q.replyTag());
        } else {
            comm.isend(RmaWire.failure(failed), q.origin(), q.replyTag());
        }
    }
}
