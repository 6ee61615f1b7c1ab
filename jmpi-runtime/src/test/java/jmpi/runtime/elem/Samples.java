package jmpi.runtime.elem;

import java.lang.reflect.Array;
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

/**
 * The tests' own model of the element types, written apart from {@link ElementType} on purpose: a
 * test that asked the code under test how a type is laid out would agree with any mistake in it.
 */
final class Samples {
    /** The shapes a user buffer comes in. */
    enum Form {
        ARRAY, HEAP, DIRECT_LE, DIRECT_BE, READ_ONLY;

        boolean nio() {
            return this != ARRAY;
        }
    }

    private Samples() {
    }

    /** Every type with every form it can take (booleans only as arrays). */
    static List<Object[]> typesAndForms() {
        List<Object[]> out = new ArrayList<>();
        for (ElementType t : ElementType.values()) {
            for (Form f : Form.values()) {
                if (t != ElementType.BOOLEAN || !f.nio()) {
                    out.add(new Object[] {t, f});
                }
            }
        }
        return out;
    }

    /** x narrowed to type t, as Java's casts narrow; booleans are odd numbers. */
    static Object value(ElementType t, long x) {
        return switch (t) {
            case BYTE -> (byte) x;
            case SHORT -> (short) x;
            case CHAR -> (char) x;
            case INT -> (int) x;
            case LONG -> x;
            case FLOAT -> (float) x / 4;
            case DOUBLE -> (double) x / 8;
            case BOOLEAN -> (x & 1) != 0;
        };
    }

    /** An integer element widened to long (chars without sign); booleans as 0 and 1. */
    static long widen(Object v) {
        if (v instanceof Character c) {
            return c;
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return ((Number) v).longValue();
    }

    /** The element's little-endian bytes on the wire. */
    static byte[] le(ElementType t, Object v) {
        ByteBuffer b = ByteBuffer.allocate(t.size()).order(ByteOrder.LITTLE_ENDIAN);
        switch (t) {
            case BYTE -> b.put((Byte) v);
            case SHORT -> b.putShort((Short) v);
            case CHAR -> b.putChar((Character) v);
            case INT -> b.putInt((Integer) v);
            case LONG -> b.putLong((Long) v);
            case FLOAT -> b.putFloat((Float) v);
            case DOUBLE -> b.putDouble((Double) v);
            case BOOLEAN -> b.put((byte) ((Boolean) v ? 1 : 0));
        }
        return b.array();
    }

    /** An array of the values; its class is the type's primitive array class. */
    static Object array(ElementType t, List<Object> values) {
        Class<?> component = switch (t) {
            case BYTE -> byte.class;
            case SHORT -> short.class;
            case CHAR -> char.class;
            case INT -> int.class;
            case LONG -> long.class;
            case FLOAT -> float.class;
            case DOUBLE -> double.class;
            case BOOLEAN -> boolean.class;
        };
        Object a = Array.newInstance(component, values.size());
        for (int i = 0; i < values.size(); i++) {
            Array.set(a, i, values.get(i));
        }
        return a;
    }

    /** A buffer of form f holding the values, position 0 and limit at the end. */
    static Object buffer(ElementType t, Form f, List<Object> values) {
        Object a = array(t, values);
        if (!f.nio()) {
            return a;
        }
        Buffer b = switch (f) {
            case DIRECT_LE, DIRECT_BE -> view(t, ByteBuffer.allocateDirect(values.size() * t.size())
                    .order(f == Form.DIRECT_LE ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN));
            default -> wrap(t, Array.newInstance(a.getClass().getComponentType(), values.size()));
        };
        for (int i = 0; i < values.size(); i++) {
            set(b, i, values.get(i));
        }
        return f == Form.READ_ONLY ? readOnly(b) : b;
    }

    private static Buffer view(ElementType t, ByteBuffer bytes) {
        return switch (t) {
            case BYTE -> bytes;
            case SHORT -> bytes.asShortBuffer();
            case CHAR -> bytes.asCharBuffer();
            case INT -> bytes.asIntBuffer();
            case LONG -> bytes.asLongBuffer();
            case FLOAT -> bytes.asFloatBuffer();
            case DOUBLE -> bytes.asDoubleBuffer();
            case BOOLEAN -> throw new IllegalArgumentException("no boolean buffers");
        };
    }

    private static Buffer wrap(ElementType t, Object a) {
        return switch (t) {
            case BYTE -> ByteBuffer.wrap((byte[]) a);
            case SHORT -> ShortBuffer.wrap((short[]) a);
            case CHAR -> CharBuffer.wrap((char[]) a);
            case INT -> IntBuffer.wrap((int[]) a);
            case LONG -> LongBuffer.wrap((long[]) a);
            case FLOAT -> FloatBuffer.wrap((float[]) a);
            case DOUBLE -> DoubleBuffer.wrap((double[]) a);
            case BOOLEAN -> throw new IllegalArgumentException("no boolean buffers");
        };
    }

    private static Buffer readOnly(Buffer b) {
        if (b instanceof ByteBuffer x) {
            return x.asReadOnlyBuffer();
        } else if (b instanceof ShortBuffer x) {
            return x.asReadOnlyBuffer();
        } else if (b instanceof CharBuffer x) {
            return x.asReadOnlyBuffer();
        } else if (b instanceof IntBuffer x) {
            return x.asReadOnlyBuffer();
        } else if (b instanceof LongBuffer x) {
            return x.asReadOnlyBuffer();
        } else if (b instanceof FloatBuffer x) {
            return x.asReadOnlyBuffer();
        }
        return ((DoubleBuffer) b).asReadOnlyBuffer();
    }

    /** Element i of an array, or of an nio buffer counted from index 0 (absolute). */
    static Object get(Object buf, int i) {
        if (!(buf instanceof Buffer)) {
            return Array.get(buf, i);
        } else if (buf instanceof ByteBuffer x) {
            return x.get(i);
        } else if (buf instanceof ShortBuffer x) {
            return x.get(i);
        } else if (buf instanceof CharBuffer x) {
            return x.get(i);
        } else if (buf instanceof IntBuffer x) {
            return x.get(i);
        } else if (buf instanceof LongBuffer x) {
            return x.get(i);
        } else if (buf instanceof FloatBuffer x) {
            return x.get(i);
        }
        return ((DoubleBuffer) buf).get(i);
    }

    private static void set(Buffer b, int i, Object v) {
        if (b instanceof ByteBuffer x) {
            x.put(i, (Byte) v);
        } else if (b instanceof ShortBuffer x) {
            x.put(i, (Short) v);
        } else if (b instanceof CharBuffer x) {
            x.put(i, (Character) v);
        } else if (b instanceof IntBuffer x) {
            x.put(i, (Integer) v);
        } else if (b instanceof LongBuffer x) {
            x.put(i, (Long) v);
        } else if (b instanceof FloatBuffer x) {
            x.put(i, (Float) v);
        } else {
            ((DoubleBuffer) b).put(i, (Double) v);
        }
    }
}
