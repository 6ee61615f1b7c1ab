package jmpi.spi;

import java.nio.Buffer;
import java.util.List;
import jmpi.Op;

/**
 * What the runtime does with primitive elements for the API: the runtime knows each element type
 * once (how to copy it, which operation applies to it and how), and the API's default methods and
 * object reductions ask it rather than knowing the types a second time.
 */
public interface Elements {
    /**
     * A copy of a buffer's elements (of an nio buffer: its remaining elements); ERR_BUFFER if buf is none.
     *
     * @param buf a primitive array or nio buffer
     * @return the copy
     */
    Object copyOf(Object buf);

    /**
     * Whether op applies element-wise to the elements of a primitive array.
     *
     * @param op the operation
     * @param array the primitive array
     * @return true if it applies
     */
    boolean appliesTo(Op op, Object array);

    /**
     * A new array holding the arrays folded element by element in list (rank) order by op, with the
     * arithmetic of buffer reductions; they are primitive arrays of one type and length.
     *
     * @param op     the operation
     * @param arrays the arrays, in rank order
     * @return the new array
     */
    Object fold(Op op, List<?> arrays);

    /**
     * A primitive array wrapped as its nio buffer ({@code boolean[]}: ERR_TYPE), or the nio buffer itself.
     *
     * @param buf a primitive array or nio buffer
     * @return the nio buffer
     */
    Buffer asBuffer(Object buf);

    /**
     * inout[i] = in[i] op inout[i] for a predefined op, over arrays or nio buffers of one type and length.
     *
     * @param op the predefined operation
     * @param in the left operands
     * @param inout the right operands, overwritten with the results
     */
    void reduceLocal(Op op, Object in, Object inout);
}
