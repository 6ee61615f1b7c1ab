package jmpi.tests;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Every kind of buffer the buffer suites loop over, after mpi4py's arrayimpl: element type × backing. */
public final class TestBuffers {
    /** Makes buffers of one kind and reads and writes their elements as longs. */
    public record Kind(String name, boolean numeric, boolean floating, boolean logical, IntFunction<Object> make) {
        public Object make(int n) {
            return make.apply(n);
        }

        /** A buffer of n elements where element i is f(i). */
        public Object filled(int n, IntFunction<Long> f) {
            Object b = make(n);
            for (int i = 0; i < n; i++) {
                set(b, i, f.apply(i));
            }
            return b;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Every kind: each primitive array, and heap and direct nio buffers of each type. */
    public static final List<Kind> ALL;

    static {
        List<Kind> k = new ArrayList<>();
        k.add(new Kind("byte[]", true, false, false, byte[]::new));
        k.add(new Kind("short[]", true, false, false, short[]::new));
        k.add(new Kind("char[]", true, false, false, char[]::new));
        k.add(new Kind("int[]", true, false, false, int[]::new));
        k.add(new Kind("long[]", true, false, false, long[]::new));
        k.add(new Kind("float[]", true, true, false, float[]::new));
        k.add(new Kind("double[]", true, true, false, double[]::new));
        k.add(new Kind("boolean[]", false, false, true, boolean[]::new));
        k.add(new Kind("ByteBuffer", true, false, false, ByteBuffer::allocate));
        k.add(new Kind("direct ByteBuffer", true, false, false, ByteBuffer::allocateDirect));
        k.add(new Kind("ShortBuffer", true, false, false, ShortBuffer::allocate));
        k.add(new Kind("CharBuffer", true, false, false, CharBuffer::allocate));
        k.add(new Kind("IntBuffer", true, false, false, IntBuffer::allocate));
        k.add(new Kind("direct IntBuffer", true, false, false,
                n -> ByteBuffer.allocateDirect(n * 4).order(ByteOrder.nativeOrder()).asIntBuffer()));
        k.add(new Kind("LongBuffer", true, false, false, LongBuffer::allocate));
        k.add(new Kind("FloatBuffer", true, true, false, FloatBuffer::allocate));
        k.add(new Kind("DoubleBuffer", true, true, false, DoubleBuffer::allocate));
        k.add(new Kind("direct DoubleBuffer", true, true, false,
                n -> ByteBuffer.allocateDirect(n * 8).order(ByteOrder.BIG_ENDIAN).asDoubleBuffer()));
        k.add(new Kind("IntBuffer with position", true, false, false,
                n -> IntBuffer.allocate(n + 3).position(2).limit(n + 2)));
        ALL = List.copyOf(k);
    }

    private TestBuffers() {
    }

    /** Element i of a buffer (relative to an nio buffer's position), as a long. */
    public static long get(Object b, int i) {
        if (b instanceof byte[] a) {
            return a[i];
        } else if (b instanceof short[] a) {
            return a[i];
        } else if (b instanceof char[] a) {
            return a[i];
        } else if (b instanceof int[] a) {
            return a[i];
        } else if (b instanceof long[] a) {
            return a[i];
        } else if (b instanceof float[] a) {
            return (long) a[i];
        } else if (b instanceof double[] a) {
            return (long) a[i];
        } else if (b instanceof boolean[] a) {
            return a[i] ? 1 : 0;
        }
        Buffer nb = (Buffer) b;
        int at = nb.position() + i;
        if (b instanceof ByteBuffer x) {
            return x.get(at);
        } else if (b instanceof ShortBuffer x) {
            return x.get(at);
        } else if (b instanceof CharBuffer x) {
            return x.get(at);
        } else if (b instanceof IntBuffer x) {
            return x.get(at);
        } else if (b instanceof LongBuffer x) {
            return x.get(at);
        } else if (b instanceof FloatBuffer x) {
            return (long) x.get(at);
        }
        return (long) ((DoubleBuffer) b).get(at);
    }

    /** Sets element i of a buffer from a long (booleans: odd is true). */
    public static void set(Object b, int i, long v) {
        if (b instanceof byte[] a) {
            a[i] = (byte) v;
        } else if (b instanceof short[] a) {
            a[i] = (short) v;
        } else if (b instanceof char[] a) {
            a[i] = (char) v;
        } else if (b instanceof int[] a) {
            a[i] = (int) v;
        } else if (b instanceof long[] a) {
            a[i] = v;
        } else if (b instanceof float[] a) {
            a[i] = v;
        } else if (b instanceof double[] a) {
            a[i] = v;
        } else if (b instanceof boolean[] a) {
            a[i] = (v & 1) == 1;
        } else {
            Buffer nb = (Buffer) b;
            int at = nb.position() + i;
            if (b instanceof ByteBuffer x) {
                x.put(at, (byte) v);
            } else if (b instanceof ShortBuffer x) {
                x.put(at, (short) v);
            } else if (b instanceof CharBuffer x) {
                x.put(at, (char) v);
            } else if (b instanceof IntBuffer x) {
                x.put(at, (int) v);
            } else if (b instanceof LongBuffer x) {
                x.put(at, v);
            } else if (b instanceof FloatBuffer x) {
                x.put(at, v);
            } else {
                ((DoubleBuffer) b).put(at, v);
            }
        }
    }

    /** The value a boolean buffer holds for v, for comparing with {@link #get}. */
    public static long norm(Kind k, long v) {
        return k.logical() ? v & 1 : v;
    }
}
