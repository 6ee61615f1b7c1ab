package jmpi.runtime.elem;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.function.Function;
import java.util.function.IntFunction;
import jmpi.MPI;
import jmpi.MPIException;

/**
 * The element types a buffer can hold: a primitive array, or for all but {@code boolean} a heap or
 * direct nio buffer of which the elements from position to limit count. On the wire an element type
 * travels as its {@link #code()} and its elements as little-endian bytes ({@code boolean} as one byte,
 * 0 or 1). Each constant carries its own copying and arithmetic, so code that handles buffers asks
 * the type instead of testing classes.
 */
public enum ElementType {
    BYTE(1, 1, "byte", byte[].class, byte[]::new, Lanes.BYTE, new NioAccess<>(byte[].class, ByteBuffer.class,
            ByteBuffer::wrap, Function.identity(), ByteBuffer::put, ByteBuffer::allocate)),
    SHORT(2, 2, "short", short[].class, short[]::new, Lanes.SHORT, new NioAccess<>(short[].class, ShortBuffer.class,
            ShortBuffer::wrap, ByteBuffer::asShortBuffer, ShortBuffer::put, ShortBuffer::allocate)),
    CHAR(3, 2, "char", char[].class, char[]::new, Lanes.CHAR, new NioAccess<>(char[].class, CharBuffer.class,
            CharBuffer::wrap, ByteBuffer::asCharBuffer, CharBuffer::put, CharBuffer::allocate)),
    INT(4, 4, "int", int[].class, int[]::new, Lanes.INT, new NioAccess<>(int[].class, IntBuffer.class,
            IntBuffer::wrap, ByteBuffer::asIntBuffer, IntBuffer::put, IntBuffer::allocate)),
    LONG(5, 8, "long", long[].class, long[]::new, Lanes.LONG, new NioAccess<>(long[].class, LongBuffer.class,
            LongBuffer::wrap, ByteBuffer::asLongBuffer, LongBuffer::put, LongBuffer::allocate)),
    FLOAT(6, 4, "float", float[].class, float[]::new, Lanes.FLOAT, new NioAccess<>(float[].class, FloatBuffer.class,
            FloatBuffer::wrap, ByteBuffer::asFloatBuffer, FloatBuffer::put, FloatBuffer::allocate)),
    DOUBLE(7, 8, "double", double[].class, double[]::new, Lanes.DOUBLE, new NioAccess<>(double[].class,
            DoubleBuffer.class, DoubleBuffer::wrap, ByteBuffer::asDoubleBuffer, DoubleBuffer::put,
            DoubleBuffer::allocate)),
    /** Arrays only: java.nio has no boolean buffer, so this constant copies byte by byte itself. */
    BOOLEAN(8, 1, "boolean", boolean[].class, boolean[]::new, Lanes.BOOLEAN, null) {
        @Override
        public void encode(Object buf, int off, int n, ByteBuffer le) {
            boolean[] a = (boolean[]) buf;
            int p = le.position();
            for (int i = 0; i < n; i++) {
                le.put(p + i, (byte) (a[off + i] ? 1 : 0));
            }
        }

        @Override
        public void decode(ByteBuffer le, Object buf, int off, int n) {
            boolean[] a = (boolean[]) buf;
            int p = le.position();
            for (int i = 0; i < n; i++) {
                a[off + i] = le.get(p + i) != 0;
            }
        }
    };

    /** Indexed by wire code; codes are small and dense, from 1. */
    private static final ElementType[] BY_CODE = new ElementType[values().length + 1];

    static {
        for (ElementType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    // nio buffers are abstract types with many concrete classes (heap, direct, views of bytes in
    // either order, read-only), so the type of a class is found once by assignability and kept
    private static final ClassValue<ElementType> BY_CLASS = new ClassValue<>() {
        @Override
        protected ElementType computeValue(Class<?> c) {
            for (ElementType t : values()) {
                if (t.arrayClass == c || t.nio != null && t.nio.bufferClass().isAssignableFrom(c)) {
                    return t;
                }
            }
            return null;
        }
    };

    private final int code;
    private final int size;
    private final String typeName;
    private final Class<?> arrayClass;
    private final IntFunction<Object> newArray;
    private final Lanes lanes;
    private final NioAccess<?, ?> nio;

    ElementType(int code, int size, String typeName, Class<?> arrayClass, IntFunction<Object> newArray, Lanes lanes,
            NioAccess<?, ?> nio) {
        this.code = code;
        this.size = size;
        this.typeName = typeName;
        this.arrayClass = arrayClass;
        this.newArray = newArray;
        this.lanes = lanes;
        this.nio = nio;
    }

    /** The type's number on the wire. */
    public int code() {
        return code;
    }

    /** Bytes per element on the wire. */
    public int size() {
        return size;
    }

    /** The Java name of the element type, for messages: {@code "int"}. */
    public String typeName() {
        return typeName;
    }

    /** The primitive array class, {@code int[].class}. */
    public Class<?> arrayClass() {
        return arrayClass;
    }

    /** The nio buffer class, {@code IntBuffer.class}; null for {@link #BOOLEAN}, which has none. */
    public Class<? extends Buffer> bufferClass() {
        return nio == null ? null : nio.bufferClass();
    }

    /**
     * Little-endian bytes as a buffer of this type, as a user operation sees them: its nio buffer
     * ({@code IntBuffer}…), a {@code ByteBuffer} for bytes and booleans.
     */
    public Buffer view(ByteBuffer le) {
        return nio == null ? le.slice() : nio.view(le);
    }

    /** A primitive array as its nio buffer, over the same elements; an nio buffer as it is. */
    public Buffer asBuffer(Object buf) {
        if (buf instanceof Buffer b) {
            return b;
        }
        if (nio == null) {
            throw new MPIException(MPI.ERR_TYPE, typeName + " arrays have no java.nio buffer; use a byte[] of 0 and 1");
        }
        return nio.wrap(buf);
    }

    /** The per-type loops of reductions. */
    Lanes lanes() {
        return lanes;
    }

    /** Whether code names an element type. */
    public static boolean isCode(int code) {
        return code > 0 && code < BY_CODE.length;
    }

    /** The type with this wire code; {@code MPIException(ERR_TYPE)} when there is none. */
    public static ElementType ofCode(int code) {
        if (!isCode(code)) {
            throw new MPIException(MPI.ERR_TYPE, "unknown element type " + code);
        }
        return BY_CODE[code];
    }

    /** The element type of a primitive array or nio buffer; null when buf is neither (or null). */
    public static ElementType of(Object buf) {
        return buf == null ? null : BY_CLASS.get(buf.getClass());
    }

    /** A new array of n elements of this type. */
    public Object newArray(int n) {
        return newArray.apply(n);
    }

    /** How many elements buf holds: an array's length, an nio buffer's remaining elements. */
    public int count(Object buf) {
        return buf instanceof Buffer b ? b.remaining() : java.lang.reflect.Array.getLength(arrayClass.cast(buf));
    }

    /**
     * Writes elements [off, off + n) of buf (counted from an nio buffer's position) as little-endian
     * bytes from le's position; neither buf's nor le's position moves. The caller checks the range.
     */
    public void encode(Object buf, int off, int n, ByteBuffer le) {
        nio.encode(buf, off, n, le);
    }

    /** Reads n elements of little-endian bytes from le's position into buf from element off; no position moves. */
    public void decode(ByteBuffer le, Object buf, int off, int n) {
        nio.decode(le, buf, off, n);
    }

    /** A copy of buf's elements: an array of the same length, or a heap nio buffer of its remaining elements. */
    public Object copyOf(Object buf) {
        if (buf instanceof Buffer) {
            return nio.copy(buf);
        }
        int n = count(buf);
        Object c = newArray(n);
        System.arraycopy(buf, 0, c, 0, n);
        return c;
    }
}
