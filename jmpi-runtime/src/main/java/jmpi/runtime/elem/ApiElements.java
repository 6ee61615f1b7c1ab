package jmpi.runtime.elem;

import java.nio.Buffer;
import java.util.List;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Op;
import jmpi.spi.Elements;

/**
 * The API's view of the element types: {@code Comm.Sendrecv_replace}'s copy of the buffer and
 * {@code Op} on primitive arrays go through here, so that the API holds no table of types of its own
 * and an array reduced as an object gets the same arithmetic as a buffer reduced on the wire.
 */
public final class ApiElements implements Elements {
    public static final ApiElements INSTANCE = new ApiElements();

    private ApiElements() {
    }

    /** Of an nio buffer, its remaining elements, in a heap buffer at position 0. */
    @Override
    public Object copyOf(Object buf) {
        return typeOf(buf).copyOf(buf);
    }

    private static ElementType typeOf(Object buf) {
        ElementType t = ElementType.of(buf);
        if (t == null) {
            throw new MPIException(MPI.ERR_BUFFER, "not a buffer: " + (buf == null ? "null" : buf.getClass().getTypeName())
                    + "; use a primitive array or a java.nio buffer");
        }
        return t;
    }

    @Override
    public boolean appliesTo(Op op, Object array) {
        ElementType t = ElementType.of(array);
        return t != null && t.arrayClass() == array.getClass() && Reductions.applies(t, op);
    }

    @Override
    public Object fold(Op op, List<?> arrays) {
        return Reductions.foldArrays(op, arrays);
    }

    @Override
    public Buffer asBuffer(Object buf) {
        return typeOf(buf).asBuffer(buf);
    }

    @Override
    public void reduceLocal(Op op, Object in, Object inout) {
        Reductions.reduceLocal(op, in, inout);
    }
}
