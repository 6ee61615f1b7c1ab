package jmpi.runtime.client;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import jmpi.Op;
import jmpi.Request;
import jmpi.runtime.coll.Ops;
import jmpi.runtime.wire.Kind;
import jmpi.runtime.wire.Parts;
import jmpi.runtime.wire.Reply;

/** The object collectives of a communicator: each object serialized once into a part, results deserialized. */
final class ObjectCalls {
    private final CommCore comm;
    private final ObjectBcasts bcasts;

    ObjectCalls(CommCore comm) {
        this.comm = comm;
        this.bcasts = new ObjectBcasts(comm, this);
    }

    /** One object as the one part of a call (or, too large for one, a note that fails its readers). */
    private ByteBuf[] encode(Object obj) {
        return new ByteBuf[] {comm.serial().toPartOrRefusal(obj, comm::newPart)};
    }

    @SuppressWarnings("unchecked")
    private <T> T decode(ByteBuf bytes) {
        return bytes == null ? null : (T) comm.serial().fromBytes(bytes);
    }

    /**
     * The result of a call that answers with one object, or null when it answers with none; a
     * message's object may come in pieces.
     */
    @SuppressWarnings("unchecked")
    <T> T first(Reply r) {
        return r.parts().length == 0 ? null : (T) comm.serial().fromPieces(r.parts());
    }

    private <T> List<T> all(Reply r) {
        if (r.parts().length == 0) {
            return null;
        }
        List<T> out = new ArrayList<>(r.parts().length);
        for (ByteBuf p : r.parts()) {
            out.add(decode(p));
        }
        return out;
    }

    Request<Void> ibarrier() {
        return comm.collective(Kind.BARRIER, 0, 0, Parts.NONE, r -> null);
    }

    <T> Request<T> ibcast(T obj, int root) {
        Checks.root(root, comm.size());
        if (comm.data() != null) {
            return bcasts.ibcast(obj, root);
        }
        ByteBuf[] parts = comm.rank() == root ? encode(obj) : Parts.NONE;
        return comm.collective(Kind.BCAST, root, 0, parts, this::first);
    }

    <T> Request<List<T>> igather(T obj, int root) {
        Checks.root(root, comm.size());
        return comm.collective(Kind.GATHER, root, 0, encode(obj), this::all);
    }

    <T> Request<T> iscatter(List<? extends T> objs, int root) {
        Checks.root(root, comm.size());
        ByteBuf[] parts = Parts.NONE;
        if (comm.rank() == root) {
            Checks.perRank(objs, comm.size(), "scatter at the root");
            parts = eachToBytes(objs);
        }
        return comm.collective(Kind.SCATTER, root, 0, parts, this::first);
    }

    private ByteBuf[] eachToBytes(List<?> objs) {
        ByteBuf[] parts = new ByteBuf[objs.size()];
        for (int i = 0; i < parts.length; i++) {
            try {
                parts[i] = comm.serial().toPart(objs.get(i), comm::newPart);
            } catch (RuntimeException e) {
                // the parts made so far may be pooled or shared memory: nobody else will release them
                Parts.release(parts);
                throw e;
            }
        }
        return parts;
    }

    <T> Request<List<T>> iallgather(T obj) {
        return comm.collective(Kind.ALLGATHER, 0, 0, encode(obj), this::all);
    }

    <T> Request<List<T>> ialltoall(List<? extends T> objs) {
        Checks.perRank(objs, comm.size(), "alltoall");
        return comm.collective(Kind.ALLTOALL, 0, 0, eachToBytes(objs), this::all);
    }

    <R> Request<R> ireduce(Object obj, Op op, int root) {
        Checks.root(root, comm.size());
        Checks.op(op);
        return comm.collective(Kind.REDUCE, root, Ops.code(op), encode(obj), this::first);
    }

    <R> Request<R> iallreduce(Object obj, Op op) {
        Checks.op(op);
        return comm.collective(Kind.ALLREDUCE, 0, Ops.code(op), encode(obj), this::first);
    }

    /** Scan or exscan: the reduction of the ranks up to this one (exscan: before it; rank 0 gets null). */
    <R> Request<R> iscan(Kind kind, Object obj, Op op) {
        Checks.op(op);
        return comm.collective(kind, 0, Ops.code(op), encode(obj), this::first);
    }
}
