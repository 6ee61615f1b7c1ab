package jmpi.runtime.coordinator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Op;
import jmpi.runtime.coll.Ops;
import jmpi.runtime.serial.ObjectSerializer;
import jmpi.runtime.wire.Parts;
import jmpi.runtime.wire.Reply;
import jmpi.runtime.wire.SharedCall;
import jmpi.runtime.wire.SharedOp;

/**
 * The shared state of the job (counters, locks, semaphores, maps), by communicator and name, and its
 * answers. All of it together is bounded by JMPI_SERIAL_QUEUE: what would hold more is refused with
 * ERR_BUFFER and changes nothing, so the coordinator's heap is not the users' to fill.
 */
final class SharedStore {
    /** What an object or an entry costs besides its bytes: a fair guess at the maps' own nodes. */
    private static final int OVERHEAD = 64;

    record Key(int comm, String name) {
    }

    private static final System.Logger LOG = System.getLogger(SharedStore.class.getName());

    private final Replies replies;
    private final ObjectSerializer serial;
    private final long limit;
    private final Map<Key, long[]> counters = new HashMap<>();
    private final Map<Key, HeldLock> locks = new HashMap<>();
    private final Map<Key, HeldSemaphore> semaphores = new HashMap<>();
    private final Map<Key, Map<ByteBuffer, byte[]>> maps = new HashMap<>();
    private long used;

    SharedStore(Replies replies, ObjectSerializer serial, long limit) {
        this.replies = replies;
        this.serial = serial;
        this.limit = limit;
    }

    /** Forgets everything: a job has ended or begins. */
    void reset() {
        counters.clear();
        locks.clear();
        semaphores.clear();
        maps.clear();
        used = 0;
    }

    /** Applies a rank's call; an MPIException thrown changes nothing and is the answer. */
    void call(int rank, SharedCall c) {
        Key k = new Key(c.comm(), c.name());
        switch (c.op()) {
            case COUNTER_ADD -> {
                long[] v = counters.get(k);
                if (v == null) {
                    reserve(cost(k), "counter", k);
                    v = new long[1];
                    counters.put(k, v);
                }
                v[0] += c.a();
                answer(rank, c.reqId(), v[0]);
            }
            case LOCK, TRY_LOCK -> {
                HeldLock l = lock(k);
                HeldLock.Waiter w = new HeldLock.Waiter(rank, c.reqId(), c.a(), System.nanoTime());
                if (l.tryTake(w)) {
                    answer(rank, c.reqId(), l.grantWord());
                } else if (c.op() == SharedOp.TRY_LOCK) {
                    answer(rank, c.reqId(), 0);
                } else {
                    l.enqueue(w);
                }
            }
            case UNLOCK -> {
                HeldLock l = locks.get(k);
                boolean held = l != null && l.release(rank, c.a());
                answer(rank, c.reqId(), held ? 1 : 0);
                if (held) {
                    grantNext(l);
                }
            }
            case ACQUIRE, TRY_ACQUIRE -> {
                HeldSemaphore s = semaphore(k, c.b());
                if (s.tryTake(rank, c.a())) {
                    answer(rank, c.reqId(), 1);
                } else if (c.op() == SharedOp.TRY_ACQUIRE) {
                    answer(rank, c.reqId(), 0);
                } else {
                    s.enqueue(new HeldSemaphore.Waiter(rank, c.reqId(), c.a(), System.nanoTime()));
                }
            }
            case RELEASE -> {
                HeldSemaphore s = semaphore(k, c.b());
                if (Long.MAX_VALUE - s.available() < c.a()) {
                    throw new MPIException(MPI.ERR_ARG, "semaphore \"" + c.name() + "\" would hold more than "
                            + Long.MAX_VALUE + " permits");
                }
                answer(rank, c.reqId(), 1);
                s.release(rank, c.a()).forEach(w -> answer(w.rank(), w.reqId(), 1));
            }
            case PERMITS -> answer(rank, c.reqId(), semaphore(k, c.b()).available());
            case MAP_GET, MAP_PUT, MAP_MERGE, MAP_REMOVE, MAP_SIZE -> mapCall(rank, k, c);
        }
    }

    private void mapCall(int rank, Key k, SharedCall c) {
        Map<ByteBuffer, byte[]> m = maps.get(k);
        if (m == null) {
            if (c.op() != SharedOp.MAP_PUT && c.op() != SharedOp.MAP_MERGE) {
                answerValue(rank, c.reqId(), 0, null);
                return;
            }
            reserve(cost(k), "map", k);
            m = new HashMap<>();
            maps.put(k, m);
        }
        if (c.op() == SharedOp.MAP_SIZE) {
            answerValue(rank, c.reqId(), m.size(), null);
            return;
        }
        ByteBuffer key = ByteBuffer.wrap(Parts.bytes(c.parts()[0]));
        byte[] old = m.get(key);
        byte[] now = switch (c.op()) {
            case MAP_PUT -> Parts.bytes(c.parts()[1]);
            case MAP_MERGE -> merged(c, old, Parts.bytes(c.parts()[1]));
            case MAP_REMOVE -> null;
            default -> old;
        };
        if (now != old) {
            long delta = entryCost(key, now) - entryCost(key, old);
            if (delta > 0) {
                reserve(delta, "map", k);
            } else {
                used += delta;
            }
            if (now == null) {
                m.remove(key);
            } else {
                m.put(key, now);
            }
        }
        byte[] shown = c.op() == SharedOp.MAP_MERGE ? now : old;
        answerValue(rank, c.reqId(), shown == null ? 0 : 1, shown);
    }

    /** The merged value's bytes: op folds the old value and the new one, in that order. */
    private byte[] merged(SharedCall c, byte[] old, byte[] value) {
        if (old == null) {
            return value;
        }
        int code = (int) c.a();
        if (Ops.isUser(code)) {
            throw new MPIException(MPI.ERR_OP, "map.merge of \"" + c.name() + "\": a user operation runs on the ranks"
                    + " only; merge with a built-in operation");
        }
        Op op = Ops.of(code);
        try {
            return serial.toBytes(op.reduce(List.of(serial.fromBytes(old), serial.fromBytes(value))));
        } catch (MPIException e) {
            throw new MPIException(e.errorClass(), "map.merge of \"" + c.name() + "\" with " + op + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new MPIException(MPI.ERR_OP, "map.merge of \"" + c.name() + "\" with " + op + " cannot combine its"
                    + " values: " + e.getMessage(), e);
        }
    }

    private static long entryCost(ByteBuffer key, byte[] value) {
        return value == null ? 0 : OVERHEAD + key.capacity() + value.length;
    }

    private static long cost(Key k) {
        return OVERHEAD + 2L * k.name().length();
    }

    private void reserve(long bytes, String what, Key k) {
        if (used + bytes > limit) {
            throw new MPIException(MPI.ERR_BUFFER, "the shared state of this job is full: " + what + " \"" + k.name()
                    + "\" on communicator " + k.comm() + " needs " + bytes + " more bytes, and " + used + " of "
                    + limit + " (JMPI_SERIAL_QUEUE) are held; remove entries, or raise JMPI_SERIAL_QUEUE");
        }
        used += bytes;
    }

    private HeldLock lock(Key k) {
        HeldLock l = locks.get(k);
        if (l == null) {
            reserve(cost(k), "lock", k);
            l = new HeldLock();
            locks.put(k, l);
        }
        return l;
    }

    private HeldSemaphore semaphore(Key k, long permits) {
        HeldSemaphore s = semaphores.get(k);
        if (s == null) {
            reserve(cost(k), "semaphore", k);
            s = new HeldSemaphore(permits);
            semaphores.put(k, s);
        }
        return s;
    }

    private void grantNext(HeldLock l) {
        HeldLock.Waiter w = l.next();
        if (w != null) {
            answer(w.rank(), w.reqId(), l.grantWord());
        }
    }

    /** Takes back a waiting lock or acquire of rank that its thread gave up on; false if none waits. */
    boolean cancel(int rank, int reqId) {
        for (HeldLock l : locks.values()) {
            if (l.cancel(rank, reqId)) {
                return cancelled(rank, reqId);
            }
        }
        for (HeldSemaphore s : semaphores.values()) {
            if (s.cancel(rank, reqId)) {
                // a waiter that leaves the front may let the ones behind it through
                s.serve().forEach(w -> answer(w.rank(), w.reqId(), 1));
                return cancelled(rank, reqId);
            }
        }
        return false;
    }

    private boolean cancelled(int rank, int reqId) {
        replies.reply(rank, Reply.message(reqId, Reply.CANCELLED, MPI.ANY_SOURCE, MPI.ANY_TAG, 0, 0, Parts.NONE));
        return true;
    }

    /**
     * A rank failed: its waits go, each lock it held passes to the next waiter, who is told, and the
     * permits it held return to their semaphores, which the log says.
     */
    void failRank(int rank) {
        for (HeldLock l : locks.values()) {
            l.failRank(rank);
            grantNext(l);
        }
        semaphores.forEach((k, s) -> {
            List<HeldSemaphore.Waiter> served = new ArrayList<>();
            long back = s.failRank(rank, served);
            if (back > 0) {
                LOG.log(System.Logger.Level.WARNING, "rank {0} failed holding {1} permits of semaphore \"{2}\" on"
                        + " communicator {3}: they are given back", rank, back, k.name(), k.comm());
            }
            served.forEach(w -> answer(w.rank(), w.reqId(), 1));
        });
    }

    /** Where the roll-call hears of a rank that waits here: what for, and since when (System.nanoTime). */
    interface WaitSink {
        void waits(int rank, String what, long since);
    }

    /**
     * Every lock and acquire that waits, with the lock's holder or the semaphore's free permits; commLabel
     * says a communicator as the roll-call does (its id and name).
     */
    void forEachWait(IntFunction<String> commLabel, WaitSink sink) {
        locks.forEach((k, l) -> {
            HeldLock.Waiter h = l.holder();
            String held = h == null ? "free" : "held by rank " + h.rank();
            for (var it = l.waiters(); it.hasNext(); ) {
                HeldLock.Waiter w = it.next();
                sink.waits(w.rank(), "lock(\"" + k.name() + "\") on communicator " + commLabel.apply(k.comm()) + ", "
                        + held, w.since());
            }
        });
        semaphores.forEach((k, s) -> {
            for (var it = s.waiters(); it.hasNext(); ) {
                HeldSemaphore.Waiter w = it.next();
                sink.waits(w.rank(), "semaphore.acquire(\"" + k.name() + "\", " + w.permits() + ") on communicator "
                        + commLabel.apply(k.comm()) + ", " + s.available() + " free", w.since());
            }
        });
    }

    private void answer(int rank, int reqId, long value) {
        replies.reply(rank, Reply.ok(reqId, word(value)));
    }

    private void answerValue(int rank, int reqId, long word, byte[] value) {
        replies.reply(rank, value == null ? Reply.ok(reqId, word(word)) : Reply.ok(reqId, word(word), Parts.wrap(value)));
    }

    private static ByteBuf word(long v) {
        return Unpooled.buffer(8, 8).writeLong(v);
    }
}
