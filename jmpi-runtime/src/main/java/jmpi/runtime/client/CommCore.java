package jmpi.runtime.client;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.FlightRecorder;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.ProcessFailedException;
import jmpi.Request;
import jmpi.Status;
import jmpi.runtime.coll.AmongRanks;
import jmpi.runtime.coll.Collective;
import jmpi.runtime.coll.CollectiveTable;
import jmpi.runtime.coll.Ops;
import jmpi.runtime.link.Errors;
import jmpi.runtime.link.Driver;
import jmpi.runtime.link.Link;
import jmpi.runtime.link.Netty;
import jmpi.runtime.p2p.DataPlane;
import jmpi.runtime.serial.ObjectSerializer;
import jmpi.runtime.wire.CollCall;
import jmpi.runtime.wire.ErrorInfo;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Parts;
import jmpi.runtime.wire.Reply;

/**
 * What every call on one communicator shares: its id, this rank's place in it, the link its calls
 * take, the numbering of its collectives, and the requests still pending on it.
 */
final class CommCore {
    private final ClientSession session;
    private final Link link;
    private final DataPlane data;
    private final int id;
    private final int rank;
    private final int size;
    private final int[] members;
    private final AtomicLong seq = new AtomicLong();
    private final Map<String, AtomicLong> groupSeqs = new ConcurrentHashMap<>();
    private final Set<FutureRequest<?>> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean freed;
    private final CommFaults faults;
    /** The members that point-to-point calls name: all of them, or an intercommunicator's remote group. */
    private final int peerBase;
    private final int peerCount;
    private final boolean inter;

    CommCore(ClientSession session, Link link, DataPlane data, int id, int rank, int[] members) {
        this(session, link, data, id, rank, members, 0, members.length, false);
    }

    /**
     * A communicator whose point-to-point calls name only the members from peerBase on, peerCount of
     * them, numbered from 0: an intercommunicator's remote group, when inter.
     */
    CommCore(ClientSession session, Link link, DataPlane data, int id, int rank, int[] members, int peerBase,
            int peerCount, boolean inter) {
        this.peerBase = peerBase;
        this.peerCount = peerCount;
        this.inter = inter;
        this.session = session;
        this.link = link;
        this.data = data;
        this.id = id;
        this.rank = rank;
        this.size = members.length;
        this.members = members;
        this.faults = new CommFaults(this, session.failures(), pending);
        if (link == session.connection()) {
            session.failures().register(this);
        }
    }

    ClientSession session() {
        return session;
    }

    ObjectSerializer serial() {
        return session.serial();
    }

    /** A buffer for an outgoing payload of len bytes: in shared memory when that is to be had. */
    ByteBuf newPart(int len) {
        return link.newPart(len);
    }

    Link conn() {
        return link;
    }

    /** The links to the other ranks, or null when messages go through the coordinator. */
    DataPlane data() {
        return data;
    }

    /** The world rank of each rank of the communicator. */
    int[] members() {
        return members;
    }

    int id() {
        return id;
    }

    int rank() {
        return rank;
    }

    int size() {
        return size;
    }

    /** How many ranks point-to-point calls may name. */
    int peers() {
        return peerCount;
    }

    /** The member a point-to-point call's rank names ({@code ANY_SOURCE} and {@code PROC_NULL} kept). */
    int member(int peer) {
        return peer < 0 ? peer : peerBase + peer;
    }

    /** A matched message's reply, its source renamed as the rank point-to-point calls use. */
    Reply asPeer(Reply r) {
        if (peerBase == 0 || r.source() < 0) {
            return r;
        }
        return new Reply(r.reqId(), r.status(), r.source() - peerBase, r.tag(), r.count(), r.elemType(), r.comm(),
                r.parts(), r.error());
    }

    /** Refuses what only an intracommunicator does (its collectives, the communicators made from it). */
    void checkIntra(String op) {
        if (inter) {
            throw new MPIException(MPI.ERR_COMM, op + " is not available on an intercommunicator (it has barrier,"
                    + " bcast, allgather, allreduce, Dup and Merge); Merge it into an intracommunicator first");
        }
    }

    /** The number of the next operation that every member of the communicator makes. */
    long nextSeq() {
        return seq.incrementAndGet();
    }

    /** The number of the next custom operation of this group. */
    long nextGroupSeq(String group) {
        return groupSeqs.computeIfAbsent(group, k -> new AtomicLong()).incrementAndGet();
    }

    void free() {
        freed = true;
        session.failures().unregister(this);
    }

    /** The requests not completed yet. */
    List<FutureRequest<?>> pending() {
        return List.copyOf(pending);
    }

    /** Remembers a request until it completes, for {@code Disconnect}, and records it for Flight Recorder. */
    <T> FutureRequest<T> track(FutureRequest<T> r, String operation, long bytes) {
        return track(r, operation, bytes, link);
    }

    /** As above, for a request that driver's replies complete (null: completed from elsewhere, nothing to read). */
    <T> FutureRequest<T> track(FutureRequest<T> r, String operation, long bytes, Driver driver) {
        pending.add(r);
        r.drivenBy(driver);
        // Loading an event class starts Flight Recorder's machinery, some 0.15 s of every JVM's start,
        // so a JVM in which nothing records never loads it; a recording started later is still seen.
        if (FlightRecorder.isInitialized()) {
            OperationEvent.record(r.future, operation, id, size, bytes, link.carrier());
        }
        r.future.whenComplete((v, e) -> pending.remove(r));
        return r;
    }

    void checkLive() {
        checkUsable();
        faults.checkNotRevoked();
    }

    /** What this rank knows of failures and revocation on this communicator. */
    CommFaults faults() {
        return faults;
    }

    /** What the operations that work on a revoked communicator check: that it and this rank are still there. */
    void checkUsable() {
        if (freed) {
            throw new MPIException(MPI.ERR_COMM, "communicator " + id + " has been freed");
        }
        session.checkOpen();
    }

    static ByteBuf[] wrap(byte[]... bytes) {
        ByteBuf[] parts = new ByteBuf[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            parts[i] = Parts.wrap(bytes[i]);
        }
        return parts;
    }

    interface Decoder<T> {
        T decode(Reply r);
    }

    /** Starts an object collective: an object's size is known only where it is serialized, so no bytes to choose by. */
    <T> Request<T> collective(Kind kind, int root, int op, ByteBuf[] parts, Decoder<T> decoder) {
        return collective(kind, root, op, 0, 0, parts, decoder);
    }

    /** A collective whose algorithm is chosen: each start runs it once, with the parts given. */
    interface Launch<T> {
        /** Starts the collective with these parts, whose references pass to it (released if it is refused). */
        Request<T> start(ByteBuf[] parts);
    }

    /**
     * Starts this rank's part of a built-in collective, by the algorithm the table chooses for it.
     * elemType: the element type of a buffer collective's parts, 0 for serialized objects. bytes: what
     * each rank contributes as every rank knows it alike (from the counts), 0 where they do not, since
     * every rank must choose the same algorithm.
     */
    <T> Request<T> collective(Kind kind, int root, int op, int elemType, long bytes, ByteBuf[] parts,
            Decoder<T> decoder) {
        Launch<T> launch;
        try {
            launch = prepare(kind, root, op, elemType, bytes, decoder);
        } catch (RuntimeException e) {
            Parts.release(parts);
            throw e;
        }
        return launch.start(parts);
    }

    /**
     * Chooses the algorithm of a collective once, for one start (a nonblocking call) or many (a
     * persistent request); the arguments are as for {@link #collective}.
     */
    <T> Launch<T> prepare(Kind kind, int root, int op, int elemType, long bytes, Decoder<T> decoder) {
        checkLive();
        checkIntra(kind.label());
        Collective algorithm = CollectiveTable.choose(kind, CollectiveTable.Shape.of(bytes, size, op));
        AmongRanks among = data != null && algorithm instanceof AmongRanks a ? a : null;
        if (among == null) {
            // every rank knows the bytes, so every rank fails alike and none waits for the others
            Netty.checkRelayable(bytes);
        }
        return parts -> start(among, kind, root, op, elemType, parts, decoder);
    }

    /** Starts one run of a collective: among the ranks when among is not null, else through the coordinator. */
    private <T> Request<T> start(AmongRanks among, Kind kind, int root, int op, int elemType, ByteBuf[] parts,
            Decoder<T> decoder) {
        try {
            checkLive();
            if (among == null) {
                // the coordinator runs no user code: a user op fails here, or folds alone on one rank
                op = Ops.viaCoordinator(op, kind, size, elemType, parts);
            }
        } catch (RuntimeException e) {
            Parts.release(parts);
            throw e;
        }
        int reqId = conn().nextId();
        CollCall c = new CollCall(reqId, kind, id, nextSeq(), root, op, elemType, parts);
        if (among != null) {
            // among the ranks: nothing for the coordinator's link to read, the data plane completes it
            FutureRequest<T> r = track(new FutureRequest<>(), kind.label(), c.payloadBytes(), data.driver());
            if (failedAMember(r)) {
                Parts.release(parts);
                return r;
            }
            among.run(new RankExchange(this, data.collectives(), c), c).whenComplete((reply, e) -> {
                Reply answer = e != null ? Reply.error(reqId, ErrorInfo.of(Errors.unwrap(e))) : reply;
                try {
                    complete(r, answer, decoder);
                } finally {
                    Parts.release(answer.parts());
                }
            });
            return r;
        }
        FutureRequest<T> r = track(new FutureRequest<>(), kind.label(), c.payloadBytes());
        conn().send(c, reqId, reply -> complete(r, reply, decoder));
        return r;
    }

    /**
     * Fails r if a member of the communicator has failed, and says so: as on the coordinator, a
     * collective among the ranks that needs a dead rank fails at once, on every caller.
     */
    boolean failedAMember(FutureRequest<?> r) {
        int dead = data.collectives().failedAmong(members);
        if (dead >= 0) {
            r.fail(new ProcessFailedException(dead, "rank " + dead + " failed"));
        }
        return dead >= 0;
    }

    <T> void complete(FutureRequest<T> r, Reply reply, Decoder<T> decoder) {
        if (reply.status() == Reply.ERROR) {
            MPIException e = reply.error().toException();
            if (e instanceof ProcessFailedException pf && pf.failedRank() >= 0) {
                // the error may come before the coordinator's word of the failure: known from now on all the same
                session.failures().rankFailed(pf.failedRank());
            }
            r.fail(e);
            return;
        }
        try {
            r.complete(decoder.decode(reply), reply.status() == Reply.CANCELLED
                    ? new Status(reply.source(), reply.tag(), 0, true)
                    : new Status(reply.source(), reply.tag(), reply.count(), false, MPI.SUCCESS));
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // a reply too deep or too large to decode fails its own request, not the thread that read it
            r.fail(e);
        }
    }
}
