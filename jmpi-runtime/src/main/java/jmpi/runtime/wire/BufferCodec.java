package jmpi.runtime.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.function.IntFunction;
import jmpi.MPI;
import jmpi.MPIException;

/**
 * Buffers on the wire: raw little-endian elements, no serialization. A view names a user buffer
 * (primitive array or nio buffer, its position and limit respected), its element type and count.
 */
public final class BufferCodec {
    public static final int BYTE = 1;
    public static final int SHORT = 2;
    public static final int CHAR = 3;
    public static final int INT = 4;
    public static final int LONG = 5;
    public static final int FLOAT = 6;
    public static final int DOUBLE = 7;
    public static final int BOOLEAN = 8;

    private static final int[] SIZES = {0, 1, 2, 2, 4, 8, 4, 8, 1};
    private static final String[] NAMES = {"?", "byte", "short", "char", "int", "long", "float", "double", "boolean"};

    private BufferCodec() {
    }

    public static int elementSize(int dtype) {
        return SIZES[dtype];
    }

    public static String typeName(int dtype) {
        return dtype > 0 && dtype < NAMES.length ? NAMES[dtype] : "type#" + dtype;
    }

    /** A user buffer, checked: its element type and how many elements it holds. */
    public record View(Object buf, int dtype, int count) {
        /** Encodes count elements starting at element off into a new pooled buffer: the one copy on the way out. */
        public ByteBuf readBuf(int off, int n) {
            return readBuf(off, n, len -> ByteBufAllocator.DEFAULT.directBuffer(len, len));
        }

        /** As above, into a buffer of alloc's choosing (given the length in bytes). */
        public ByteBuf readBuf(int off, int n, IntFunction<ByteBuf> alloc) {
            checkRange(off, n);
            int len = n * SIZES[dtype];
            ByteBuf out = alloc.apply(len);
            try {
                fill(out.nioBuffer(0, len), off, n);
                out.writerIndex(len);
                return out;
            } catch (RuntimeException e) {
                out.release();
                throw e;
            }
        }

        private void fill(ByteBuffer target, int off, int n) {
            ByteBuffer bb = target.order(ByteOrder.LITTLE_ENDIAN);
            if (buf instanceof byte[] a) {
                bb.put(a, off, n);
            } else if (buf instanceof short[] a) {
                bb.asShortBuffer().put(a, off, n);
            } else if (buf instanceof char[] a) {
                bb.asCharBuffer().put(a, off, n);
            } else if (buf instanceof int[] a) {
                bb.asIntBuffer().put(a, off, n);
            } else if (buf instanceof long[] a) {
                bb.asLongBuffer().put(a, off, n);
            } else if (buf instanceof float[] a) {
                bb.asFloatBuffer().put(a, off, n);
            } else if (buf instanceof double[] a) {
                bb.asDoubleBuffer().put(a, off, n);
            } else if (buf instanceof boolean[] a) {
                for (int i = 0; i < n; i++) {
                    bb.put((byte) (a[off + i] ? 1 : 0));
                }
            } else {
                Buffer src = slice((Buffer) buf, off, n);
                if (src instanceof ByteBuffer b) {
                    bb.put(b);
                } else if (src instanceof ShortBuffer b) {
                    bb.asShortBuffer().put(b);
                } else if (src instanceof CharBuffer b) {
                    bb.asCharBuffer().put(b);
                } else if (src instanceof IntBuffer b) {
                    bb.asIntBuffer().put(b);
                } else if (src instanceof LongBuffer b) {
                    bb.asLongBuffer().put(b);
                } else if (src instanceof FloatBuffer b) {
                    bb.asFloatBuffer().put(b);
                } else if (src instanceof DoubleBuffer b) {
                    bb.asDoubleBuffer().put(b);
                }
            }
        }

        /** Decodes the readable bytes of src into the buffer from element off: the one copy on the way in. */
        public void write(ByteBuf src, int off) {
            int n = src.readableBytes() / SIZES[dtype];
            drain(src.nioBuffer(), off, n);
        }

        private void drain(ByteBuffer source, int off, int n) {
            checkRange(off, n);
            ByteBuffer bb = source.order(ByteOrder.LITTLE_ENDIAN);
            if (buf instanceof byte[] a) {
                bb.get(a, off, n);
            } else if (buf instanceof short[] a) {
                bb.asShortBuffer().get(a, off, n);
            } else if (buf instanceof char[] a) {
                bb.asCharBuffer().get(a, off, n);
            } else if (buf instanceof int[] a) {
                bb.asIntBuffer().get(a, off, n);
            } else if (buf instanceof long[] a) {
                bb.asLongBuffer().get(a, off, n);
            } else if (buf instanceof float[] a) {
                bb.asFloatBuffer().get(a, off, n);
            } else if (buf instanceof double[] a) {
                bb.asDoubleBuffer().get(a, off, n);
            } else if (buf instanceof boolean[] a) {
                for (int i = 0; i < n; i++) {
                    a[off + i] = bb.get() != 0;
                }
            } else {
                Buffer dst = slice((Buffer) buf, off, n);
                if (dst instanceof ByteBuffer b) {
                    b.put(bb);
                } else if (dst instanceof ShortBuffer b) {
                    b.put(bb.asShortBuffer());
                } else if (dst instanceof CharBuffer b) {
                    b.put(bb.asCharBuffer());
                } else if (dst instanceof IntBuffer b) {
                    b.put(bb.asIntBuffer());
                } else if (dst instanceof LongBuffer b) {
                    b.put(bb.asLongBuffer());
                } else if (dst instanceof FloatBuffer b) {
                    b.put(bb.asFloatBuffer());
                } else if (dst instanceof DoubleBuffer b) {
                    b.put(bb.asDoubleBuffer());
                }
            }
        }

        private void checkRange(int off, int n) {
            if (off < 0 || n < 0 || (long) off + n > count) {
                throw new MPIException(MPI.ERR_COUNT, "elements [" + off + ", " + ((long) off + n)
                        + ") out of a buffer of " + count);
            }
        }
    }

    /** A duplicate of b covering n elements from element off of its remaining ones; b itself is untouched. */
    private static Buffer slice(Buffer b, int off, int n) {
        Buffer d = duplicate(b);
        int start = b.position() + off;
        d.limit(start + n);
        d.position(start);
        return d;
    }

    private static Buffer duplicate(Buffer b) {
        if (b instanceof ByteBuffer x) {
            return x.duplicate();
        } else if (b instanceof ShortBuffer x) {
            return x.duplicate();
        } else if (b instanceof CharBuffer x) {
            return x.duplicate();
        } else if (b instanceof IntBuffer x) {
            return x.duplicate();
        } else if (b instanceof LongBuffer x) {
            return x.duplicate();
        } else if (b instanceof FloatBuffer x) {
            return x.duplicate();
        }
        return ((DoubleBuffer) b).duplicate();
    }

    /** Checks that buf is a buffer (what names the argument in the error) and describes it. */
    public static View view(Object buf, String what) {
        int dtype;
        int count;
        if (buf instanceof byte[] a) {
            dtype = BYTE;
            count = a.length;
        } else if (buf instanceof short[] a) {
            dtype = SHORT;
            count = a.length;
        } else if (buf instanceof char[] a) {
            dtype = CHAR;
            count = a.length;
        } else if (buf instanceof int[] a) {
            dtype = INT;
            count = a.length;
        } else if (buf instanceof long[] a) {
            dtype = LONG;
            count = a.length;
        } else if (buf instanceof float[] a) {
            dtype = FLOAT;
            count = a.length;
        } else if (buf instanceof double[] a) {
            dtype = DOUBLE;
            count = a.length;
        } else if (buf instanceof boolean[] a) {
            dtype = BOOLEAN;
            count = a.length;
        } else if (buf instanceof ByteBuffer b) {
            dtype = BYTE;
            count = b.remaining();
        } else if (buf instanceof ShortBuffer b) {
            dtype = SHORT;
            count = b.remaining();
        } else if (buf instanceof CharBuffer b) {
            dtype = CHAR;
            count = b.remaining();
        } else if (buf instanceof IntBuffer b) {
            dtype = INT;
            count = b.remaining();
        } else if (buf instanceof LongBuffer b) {
            dtype = LONG;
            count = b.remaining();
        } else if (buf instanceof FloatBuffer b) {
            dtype = FLOAT;
            count = b.remaining();
        } else if (buf instanceof DoubleBuffer b) {
            dtype = DOUBLE;
            count = b.remaining();
        } else {
            String type = buf == null ? "null" : buf == MPI.IN_PLACE ? "MPI.IN_PLACE" : buf.getClass().getTypeName();
            throw new MPIException(MPI.ERR_BUFFER, what + " is not a buffer: " + type
                    + "; use a primitive array (int[], double[], ...) or a java.nio buffer");
        }
        if (buf instanceof Buffer b && b.isReadOnly() && what.startsWith("recv")) {
            throw new MPIException(MPI.ERR_BUFFER, what + " is read-only");
        }
        return new View(buf, dtype, count);
    }

    /** A fresh primitive array holding the elements of src, for reductions on the coordinator. */
    public static Object toArray(int dtype, ByteBuf src) {
        int n = src.readableBytes() / SIZES[dtype];
        Object a = switch (dtype) {
            case BYTE -> new byte[n];
            case SHORT -> new short[n];
            case CHAR -> new char[n];
            case INT -> new int[n];
            case LONG -> new long[n];
            case FLOAT -> new float[n];
            case DOUBLE -> new double[n];
            case BOOLEAN -> new boolean[n];
            default -> throw new MPIException(MPI.ERR_TYPE, "unknown element type " + dtype);
        };
        new View(a, dtype, n).write(src, 0);
        return a;
    }

    /** The elements of a primitive array of the given type, in a new buffer. */
    public static ByteBuf fromArray(int dtype, Object array) {
        View v = view(array, "result");
        if (v.dtype() != dtype) {
            throw new MPIException(MPI.ERR_TYPE, "expected " + typeName(dtype) + " elements, got " + typeName(v.dtype()));
        }
        return v.readBuf(0, v.count());
    }
}
