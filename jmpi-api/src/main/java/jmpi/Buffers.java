package jmpi;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;

/** Small helpers on buffers that the API's default methods need. */
final class Buffers {
    private Buffers() {
    }

    /** A copy of a buffer's elements (of an nio buffer: its remaining elements). */
    static Object copyOf(Object buf) {
        if (buf instanceof byte[] a) {
            return a.clone();
        } else if (buf instanceof short[] a) {
            return a.clone();
        } else if (buf instanceof char[] a) {
            return a.clone();
        } else if (buf instanceof int[] a) {
            return a.clone();
        } else if (buf instanceof long[] a) {
            return a.clone();
        } else if (buf instanceof float[] a) {
            return a.clone();
        } else if (buf instanceof double[] a) {
            return a.clone();
        } else if (buf instanceof boolean[] a) {
            return a.clone();
        } else if (buf instanceof ByteBuffer b) {
            return ByteBuffer.allocate(b.remaining()).put(b.duplicate()).flip();
        } else if (buf instanceof ShortBuffer b) {
            return ShortBuffer.allocate(b.remaining()).put(b.duplicate()).flip();
        } else if (buf instanceof CharBuffer b) {
            return CharBuffer.allocate(b.remaining()).put(b.duplicate()).flip();
        } else if (buf instanceof IntBuffer b) {
            return IntBuffer.allocate(b.remaining()).put(b.duplicate()).flip();
        } else if (buf instanceof LongBuffer b) {
            return LongBuffer.allocate(b.remaining()).put(b.duplicate()).flip();
        } else if (buf instanceof FloatBuffer b) {
            return FloatBuffer.allocate(b.remaining()).put(b.duplicate()).flip();
        } else if (buf instanceof DoubleBuffer b) {
            return DoubleBuffer.allocate(b.remaining()).put(b.duplicate()).flip();
        }
        throw new MPIException(MPI.ERR_BUFFER, "not a buffer: " + (buf == null ? "null"
                : buf instanceof Buffer ? buf.getClass().getName() : buf.getClass().getTypeName())
                + "; use a primitive array or a java.nio buffer");
    }
}
