package jmpi.spi;

import jmpi.Op;

/**
 * What the runtime does with primitive elements for the API: the runtime knows each element type
 * once (how to copy it, which operation applies to it and how), and the API's default methods and
 * object reductions ask it rather than knowing the types a second time.
 */
public interface Elements {
    /** A copy of a buffer's elements (of an nio buffer: its remaining elements); ERR_BUFFER if buf is none. */
    Object copyOf(Object buf);

    /** Whether op applies element-wise to the elements of a primitive array. */
    boolean appliesTo(Op op, Object array);

    /**
     * A new array holding op applied element by element to a and b, a from the lower rank, with the
     * arithmetic of buffer reductions; a and b are primitive arrays of one type and length.
     */
    Object combine(Op op, Object a, Object b);
}
