package jmpi;

import java.nio.Buffer;

/**
 * The function of a user reduce operation on buffers, MPI's {@code (invec, inoutvec, len)}: it sets
 * {@code inout[i] = in[i] ⊕ inout[i]} for {@code i < count}, where {@code in} holds the values of the
 * lower ranks. The buffers are java.nio buffers of the collective's element type ({@code IntBuffer}
 * for {@code int[]} or {@code IntBuffer} buffers, {@code DoubleBuffer} for doubles…; {@code ByteBuffer}
 * for bytes and for booleans, one byte each, 0 or 1), positioned at 0 with {@code count} elements
 * remaining; use absolute {@code get(i)}/{@code put(i, v)}. {@code in} is read-only, and neither buffer
 * may be kept after the call. The function may be called several times per collective, on parts of
 * the buffer, as MPI allows.
 *
 * {@snippet class=jmpi.CollectiveSnippets region=buffer-op}
 *
 * @param <B> the nio buffer type the function expects
 */
@FunctionalInterface
public interface BufferFunction<B extends Buffer> {
    /**
     * Combines count elements: {@code inout[i] = in[i] ⊕ inout[i]}.
     *
     * @param in the values of the lower ranks, read-only
     * @param inout the values of the higher ranks, overwritten with the results
     * @param count the number of elements
     */
    void apply(B in, B inout, int count);
}
