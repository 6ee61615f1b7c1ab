package jmpi.runtime.shared;

import io.netty.buffer.ByteBuf;
import java.util.Objects;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Op;
import jmpi.runtime.wire.Parts;
import jmpi.runtime.wire.SharedOp;
import jmpi.shared.SharedMap;

/** A shared map: keys and values cross as serialized objects; the coordinator compares keys by their bytes. */
record RankMap<K, V>(SharedCalls calls, String name) implements SharedMap<K, V> {
    @Override
    public V get(K key) {
        return value(calls.call(SharedOp.MAP_GET, name, 0, 0, part(key, "key")));
    }

    @Override
    public V put(K key, V value) {
        return value(calls.call(SharedOp.MAP_PUT, name, 0, 0, part(key, "key"), part(value, "value")));
    }

    @Override
    public V merge(K key, V value, Op op) {
        Objects.requireNonNull(op, "op");
        if (!op.is_predefined()) {
            throw new MPIException(MPI.ERR_OP, "map.merge of \"" + name + "\" with user operation '" + op.name()
                    + "': the coordinator runs no user code; merge with a built-in operation");
        }
        return value(calls.call(SharedOp.MAP_MERGE, name, op.ordinal(), 0, part(key, "key"), part(value, "value")));
    }

    @Override
    public V remove(K key) {
        return value(calls.call(SharedOp.MAP_REMOVE, name, 0, 0, part(key, "key")));
    }

    @Override
    public int size() {
        return (int) calls.call(SharedOp.MAP_SIZE, name, 0, 0).word();
    }

    private ByteBuf part(Object o, String what) {
        Objects.requireNonNull(o, () -> "a shared map holds no null " + what);
        return Parts.wrap(calls.serial().toBytes(o));
    }

    @SuppressWarnings("unchecked")
    private V value(SharedCalls.Answer a) {
        return a.value() == null ? null : (V) calls.serial().fromBytes(a.value());
    }

    @Override
    public String toString() {
        return "SharedMap[" + name + "]";
    }
}
