package jmpi.runtime.coll;

import static jmpi.runtime.wire.BufferCodec.BOOLEAN;
import static jmpi.runtime.wire.BufferCodec.BYTE;
import static jmpi.runtime.wire.BufferCodec.CHAR;
import static jmpi.runtime.wire.BufferCodec.DOUBLE;
import static jmpi.runtime.wire.BufferCodec.FLOAT;
import static jmpi.runtime.wire.BufferCodec.INT;
import static jmpi.runtime.wire.BufferCodec.LONG;
import static jmpi.runtime.wire.BufferCodec.SHORT;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Op;
import jmpi.runtime.wire.BufferCodec;

/**
 * Element-wise reductions straight over the little-endian bytes that arrived: the first member's
 * buffer is the accumulator and the others are folded into it in rank order, so a reduction
 * allocates nothing and copies nothing. {@code MINLOC}/{@code MAXLOC} read the elements as
 * (value, index) pairs, as MPI's paired types do; ties keep the lower index.
 */
public final class RawReduce {
    private RawReduce() {
    }

    /** Folds parts[1..] into parts[0]; every part holds the same number of elements of dtype. */
    public static void fold(int dtype, Op op, ByteBuf[] parts) {
        int size = BufferCodec.elementSize(dtype);
        ByteBuf acc = parts[0];
        int n = acc.readableBytes() / size;
        for (ByteBuf p : parts) {
            if (p.readableBytes() != acc.readableBytes()) {
                throw new MPIException(MPI.ERR_COUNT, "buffers of different lengths: " + n + " and "
                        + p.readableBytes() / size + " " + BufferCodec.typeName(dtype) + " elements");
            }
        }
        if (op == Op.MINLOC || op == Op.MAXLOC) {
            checkPairs(dtype, op, n);
        } else {
            check(dtype, op);
        }
        if (op == Op.NO_OP) {
            return;
        }
        for (int k = 1; k < parts.length; k++) {
            ByteBuf b = parts[k];
            if (op == Op.REPLACE) {
                acc.setBytes(acc.readerIndex(), b, b.readerIndex(), b.readableBytes());
            } else if (op == Op.MINLOC || op == Op.MAXLOC) {
                pairs(dtype, op == Op.MINLOC, acc, b, n / 2);
            } else if (fast(dtype, op, acc, b, n)) {
                continue;
            } else if (dtype == DOUBLE || dtype == FLOAT) {
                floating(dtype, floatingOp(op), acc, b, n);
            } else {
                integral(dtype, integralOp(dtype == BOOLEAN ? logical(op) : op), acc, b, n);
            }
        }
    }

    /**
     * The most common reductions as plain loops over NIO views of the bytes, which the JIT turns into
     * vector code; false when this pair has no such loop or the bytes are not one contiguous region.
     */
    private static boolean fast(int dtype, Op op, ByteBuf acc, ByteBuf b, int n) {
        if ((op != Op.SUM && op != Op.MAX && op != Op.MIN) || acc.nioBufferCount() != 1 || b.nioBufferCount() != 1
                || (dtype != INT && dtype != LONG && dtype != DOUBLE)) {
            return false;
        }
        int len = acc.readableBytes();
        ByteBuffer x = acc.nioBuffer(acc.readerIndex(), len).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer y = b.nioBuffer(b.readerIndex(), len).order(ByteOrder.LITTLE_ENDIAN);
        if (dtype == INT) {
            IntBuffer xi = x.asIntBuffer();
            IntBuffer yi = y.asIntBuffer();
            switch (op) {
                case SUM -> {
                    for (int i = 0; i < n; i++) {
                        xi.put(i, xi.get(i) + yi.get(i));
                    }
                }
                case MAX -> {
                    for (int i = 0; i < n; i++) {
                        xi.put(i, Math.max(xi.get(i), yi.get(i)));
                    }
                }
                default -> {
                    for (int i = 0; i < n; i++) {
                        xi.put(i, Math.min(xi.get(i), yi.get(i)));
                    }
                }
            }
        } else if (dtype == LONG) {
            LongBuffer xl = x.asLongBuffer();
            LongBuffer yl = y.asLongBuffer();
            switch (op) {
                case SUM -> {
                    for (int i = 0; i < n; i++) {
                        xl.put(i, xl.get(i) + yl.get(i));
                    }
                }
                case MAX -> {
                    for (int i = 0; i < n; i++) {
                        xl.put(i, Math.max(xl.get(i), yl.get(i)));
                    }
                }
                default -> {
                    for (int i = 0; i < n; i++) {
                        xl.put(i, Math.min(xl.get(i), yl.get(i)));
                    }
                }
            }
        } else {
            DoubleBuffer xd = x.asDoubleBuffer();
            DoubleBuffer yd = y.asDoubleBuffer();
            switch (op) {
                case SUM -> {
                    for (int i = 0; i < n; i++) {
                        xd.put(i, xd.get(i) + yd.get(i));
                    }
                }
                case MAX -> {
                    for (int i = 0; i < n; i++) {
                        xd.put(i, Math.max(xd.get(i), yd.get(i)));
                    }
                }
                default -> {
                    for (int i = 0; i < n; i++) {
                        xd.put(i, Math.min(xd.get(i), yd.get(i)));
                    }
                }
            }
        }
        return true;
    }

    private static void check(int dtype, Op op) {
        if (op == Op.REPLACE || op == Op.NO_OP) {
            return;
        }
        if (dtype == BOOLEAN) {
            if (op != Op.LAND && op != Op.BAND && op != Op.LOR && op != Op.BOR && op != Op.LXOR && op != Op.BXOR) {
                throw new MPIException(MPI.ERR_OP, "operation " + op + " does not apply to booleans");
            }
        } else if (dtype == DOUBLE || dtype == FLOAT) {
            floatingOp(op);
        } else {
            integralOp(op);
        }
    }

    private static void checkPairs(int dtype, Op op, int n) {
        if (dtype == BOOLEAN || dtype == CHAR || dtype == BYTE) {
            throw new MPIException(MPI.ERR_OP, op + " needs (value, index) pairs of short, int, long, float or double, not "
                    + BufferCodec.typeName(dtype));
        }
        if (n % 2 != 0) {
            throw new MPIException(MPI.ERR_COUNT, op + " reads (value, index) pairs: " + n + " elements is not a whole"
                    + " number of pairs");
        }
    }

    /** On booleans the bit operations are the logical ones. */
    private static Op logical(Op op) {
        return switch (op) {
            case BAND -> Op.LAND;
            case BOR -> Op.LOR;
            case BXOR -> Op.LXOR;
            default -> op;
        };
    }

    private static LongBinaryOperator integralOp(Op op) {
        return switch (op) {
            case MAX -> Math::max;
            case MIN -> Math::min;
            case SUM -> Long::sum;
            case PROD -> (x, y) -> x * y;
            case LAND -> (x, y) -> x != 0 && y != 0 ? 1 : 0;
            case LOR -> (x, y) -> x != 0 || y != 0 ? 1 : 0;
            case LXOR -> (x, y) -> (x != 0) != (y != 0) ? 1 : 0;
            case BAND -> (x, y) -> x & y;
            case BOR -> (x, y) -> x | y;
            case BXOR -> (x, y) -> x ^ y;
            default -> throw new MPIException(MPI.ERR_OP, "operation " + op + " does not apply element-wise to integers");
        };
    }

    private static DoubleBinaryOperator floatingOp(Op op) {
        return switch (op) {
            case MAX -> Math::max;
            case MIN -> Math::min;
            case SUM -> Double::sum;
            case PROD -> (x, y) -> x * y;
            default -> throw new MPIException(MPI.ERR_OP, "operation " + op + " does not apply to floating-point values");
        };
    }

    private static void integral(int dtype, LongBinaryOperator f, ByteBuf acc, ByteBuf b, int n) {
        int a0 = acc.readerIndex();
        int b0 = b.readerIndex();
        switch (dtype) {
            case BYTE, BOOLEAN -> {
                for (int i = 0; i < n; i++) {
                    acc.setByte(a0 + i, (int) f.applyAsLong(acc.getByte(a0 + i), b.getByte(b0 + i)));
                }
            }
            case SHORT -> {
                for (int i = 0; i < n; i++) {
                    int o = 2 * i;
                    acc.setShortLE(a0 + o, (int) f.applyAsLong(acc.getShortLE(a0 + o), b.getShortLE(b0 + o)));
                }
            }
            case CHAR -> {
                for (int i = 0; i < n; i++) {
                    int o = 2 * i;
                    acc.setShortLE(a0 + o, (int) f.applyAsLong(acc.getUnsignedShortLE(a0 + o),
                            b.getUnsignedShortLE(b0 + o)));
                }
            }
            case INT -> {
                for (int i = 0; i < n; i++) {
                    int o = 4 * i;
                    acc.setIntLE(a0 + o, (int) f.applyAsLong(acc.getIntLE(a0 + o), b.getIntLE(b0 + o)));
                }
            }
            case LONG -> {
                for (int i = 0; i < n; i++) {
                    int o = 8 * i;
                    acc.setLongLE(a0 + o, f.applyAsLong(acc.getLongLE(a0 + o), b.getLongLE(b0 + o)));
                }
            }
            default -> throw new MPIException(MPI.ERR_TYPE, "not an integral type: " + BufferCodec.typeName(dtype));
        }
    }

    private static void floating(int dtype, DoubleBinaryOperator f, ByteBuf acc, ByteBuf b, int n) {
        int a0 = acc.readerIndex();
        int b0 = b.readerIndex();
        if (dtype == DOUBLE) {
            for (int i = 0; i < n; i++) {
                int o = 8 * i;
                acc.setDoubleLE(a0 + o, f.applyAsDouble(acc.getDoubleLE(a0 + o), b.getDoubleLE(b0 + o)));
            }
        } else {
            for (int i = 0; i < n; i++) {
                int o = 4 * i;
                // a float result computed in double and rounded once equals the float operation's
                acc.setFloatLE(a0 + o, (float) f.applyAsDouble(acc.getFloatLE(a0 + o), b.getFloatLE(b0 + o)));
            }
        }
    }

    /** MINLOC/MAXLOC over pairs: the better value wins; equal values keep the lower index. */
    private static void pairs(int dtype, boolean min, ByteBuf acc, ByteBuf b, int pairs) {
        int size = BufferCodec.elementSize(dtype);
        int a0 = acc.readerIndex();
        int b0 = b.readerIndex();
        for (int k = 0; k < pairs; k++) {
            int o = 2 * size * k;
            int c = compare(dtype, acc, a0 + o, b, b0 + o);
            boolean take = min ? c > 0 : c < 0;
            if (c == 0) {
                take = compare(dtype, acc, a0 + o + size, b, b0 + o + size) > 0;
            }
            if (take) {
                acc.setBytes(a0 + o, b, b0 + o, 2 * size);
            }
        }
    }

    private static int compare(int dtype, ByteBuf x, int i, ByteBuf y, int j) {
        return switch (dtype) {
            case SHORT -> Short.compare(x.getShortLE(i), y.getShortLE(j));
            case INT -> Integer.compare(x.getIntLE(i), y.getIntLE(j));
            case LONG -> Long.compare(x.getLongLE(i), y.getLongLE(j));
            case FLOAT -> Float.compare(x.getFloatLE(i), y.getFloatLE(j));
            case DOUBLE -> Double.compare(x.getDoubleLE(i), y.getDoubleLE(j));
            default -> throw new MPIException(MPI.ERR_OP, "no pairs of " + BufferCodec.typeName(dtype));
        };
    }
}
