package jmpi;

import java.nio.Buffer;
import java.util.List;
import java.util.function.BinaryOperator;

/** The code of a user operation: a function on objects or one on buffers, and how each folds. */
final class UserFunctions {
    private final String name;
    private final BinaryOperator<Object> objects;
    private final BufferFunction<Buffer> buffers;

    private UserFunctions(String name, BinaryOperator<Object> objects, BufferFunction<Buffer> buffers) {
        this.name = name;
        this.objects = objects;
        this.buffers = buffers;
    }

    @SuppressWarnings("unchecked")
    static <T> UserFunctions ofObjects(String name, BinaryOperator<T> fn) {
        if (fn == null) {
            throw new MPIException(MPI.ERR_ARG, "user operation '" + name + "' needs a function");
        }
        return new UserFunctions(name, (BinaryOperator<Object>) fn, null);
    }

    @SuppressWarnings("unchecked")
    static <B extends Buffer> UserFunctions ofBuffers(String name, BufferFunction<B> fn) {
        if (fn == null) {
            throw new MPIException(MPI.ERR_ARG, "user operation '" + name + "' needs a function");
        }
        return new UserFunctions(name, null, (BufferFunction<Buffer>) fn);
    }

    Object combine(Object a, Object b) {
        if (objects == null) {
            return fold(List.of(a, b));
        }
        try {
            return objects.apply(a, b);
        } catch (ClassCastException e) {
            throw misfit(a, b, e);
        }
    }

    /** The values folded left to right, in rank order: ((v0 ⊕ v1) ⊕ v2)… */
    Object fold(List<?> values) {
        Object acc = values.get(0);
        for (int i = 1; i < values.size(); i++) {
            Object v = values.get(i);
            if (objects != null) {
                acc = combine(acc, v);
            } else {
                // primitive arrays through the buffer function, into a copy: the caller's arrays stay as they were
                Object inout = copyOfArray(v);
                reduceLocal(i == 1 ? copyOfArray(acc) : acc, inout);
                acc = inout;
            }
        }
        return acc;
    }

    void reduceLocal(Object inbuf, Object inoutbuf) {
        if (buffers == null) {
            throw new MPIException(MPI.ERR_OP, "user operation '" + name + "' combines objects, not buffers; for"
                    + " buffers create it with a function of (in, inout, count)");
        }
        Buffer in = Runtimes.provider().elements().asBuffer(inbuf);
        Buffer inout = Runtimes.provider().elements().asBuffer(inoutbuf);
        if (in.remaining() != inout.remaining()) {
            throw new MPIException(MPI.ERR_COUNT, "user operation '" + name + "' needs buffers of one length, not "
                    + in.remaining() + " and " + inout.remaining() + " elements");
        }
        try {
            buffers.apply(in.slice(), inout.slice(), in.remaining());
        } catch (ClassCastException e) {
            throw misfit(in, inout, e);
        }
    }

    private Object copyOfArray(Object v) {
        if (v == null || !v.getClass().isArray() || !v.getClass().getComponentType().isPrimitive()) {
            throw new MPIException(MPI.ERR_OP, "user operation '" + name + "' works on buffers and primitive arrays,"
                    + " not " + ObjectReductions.typeName(v) + "; for objects create it with a BinaryOperator");
        }
        return Runtimes.provider().elements().copyOf(v);
    }

    private MPIException misfit(Object a, Object b, ClassCastException e) {
        return new MPIException(MPI.ERR_OP, "user operation '" + name + "' does not apply to "
                + ObjectReductions.typeName(a) + " and " + ObjectReductions.typeName(b) + ": " + e.getMessage(), e);
    }
}
