package jmpi.runtime.elem;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Op;
import jmpi.spi.PredefinedOp;

/**
 * The element loops of one element type over little-endian bytes, one instance per type. Each
 * type writes its own loop, rather than sharing one loop through a per-element get/set call, so that
 * a loop reads and writes its type directly and the JIT can compile it tight. Which op applies to
 * which kind of value is decided once, by the kind's base class.
 */
abstract class Lanes {
    /** Fails with ERR_OP unless op applies element-wise (MINLOC/MAXLOC, REPLACE and NO_OP aside). */
    abstract void check(Op op);

    /** acc[i] = op(acc[i], b[i]) for the n elements from each reader index; op has passed {@link #check}. */
    abstract void fold(Op op, ByteBuf acc, ByteBuf b, int n);

    /** Whether MINLOC/MAXLOC may read these elements as (value, index) pairs. */
    boolean pairs() {
        return false;
    }

    /** Compares the values at byte indices i of x and j of y, for MINLOC/MAXLOC. */
    int compare(ByteBuf x, int i, ByteBuf y, int j) {
        throw new MPIException(MPI.ERR_OP, "no (value, index) pairs of this element type");
    }

    /** Folds with one of {@link FastLoops}' loops over little-endian views; false where this type has none. */
    boolean fast(Op op, ByteBuffer x, ByteBuffer y, int n) {
        return false;
    }

    /** The common ops over one contiguous region each go to {@link #fast}; false when they cannot. */
    final boolean tryFast(Op op, ByteBuf acc, ByteBuf b, int n) {
        if ((op != Op.SUM && op != Op.MAX && op != Op.MIN) || acc.nioBufferCount() != 1 || b.nioBufferCount() != 1) {
            return false;
        }
        int len = acc.readableBytes();
        return fast(op, acc.nioBuffer(acc.readerIndex(), len).order(ByteOrder.LITTLE_ENDIAN),
                b.nioBuffer(b.readerIndex(), len).order(ByteOrder.LITTLE_ENDIAN), n);
    }

    /** Integers: the op works on the values widened to long and narrows on store, as Java's arithmetic does. */
    private abstract static class Integral extends Lanes {
        @Override
        void check(Op op) {
            integral(op);
        }

        @Override
        void fold(Op op, ByteBuf acc, ByteBuf b, int n) {
            if (!tryFast(op, acc, b, n)) {
                loop(integral(op), acc, acc.readerIndex(), b, b.readerIndex(), n);
            }
        }

        abstract void loop(LongBinaryOperator f, ByteBuf acc, int a0, ByteBuf b, int b0, int n);

        @Override
        boolean pairs() {
            return true;
        }
    }

    /** Floating point: computed in double; a float result rounded once equals the float operation's. */
    private abstract static class Floating extends Lanes {
        @Override
        void check(Op op) {
            floating(op);
        }

        @Override
        void fold(Op op, ByteBuf acc, ByteBuf b, int n) {
            if (!tryFast(op, acc, b, n)) {
                loop(floating(op), acc, acc.readerIndex(), b, b.readerIndex(), n);
            }
        }

        abstract void loop(DoubleBinaryOperator f, ByteBuf acc, int a0, ByteBuf b, int b0, int n);

        @Override
        boolean pairs() {
            return true;
        }
    }

    static final Lanes BYTE = new Integral() {
        @Override
        void loop(LongBinaryOperator f, ByteBuf acc, int a0, ByteBuf b, int b0, int n) {
            for (int i = 0; i < n; i++) {
                acc.setByte(a0 + i, (int) f.applyAsLong(acc.getByte(a0 + i), b.getByte(b0 + i)));
            }
        }

        @Override
        boolean pairs() {
            // a byte cannot hold the index of a pair
            return false;
        }
    };

    static final Lanes SHORT = new Integral() {
        @Override
        void loop(LongBinaryOperator f, ByteBuf acc, int a0, ByteBuf b, int b0, int n) {
            for (int o = 0; o < 2 * n; o += 2) {
                acc.setShortLE(a0 + o, (int) f.applyAsLong(acc.getShortLE(a0 + o), b.getShortLE(b0 + o)));
            }
        }

        @Override
        int compare(ByteBuf x, int i, ByteBuf y, int j) {
            return Short.compare(x.getShortLE(i), y.getShortLE(j));
        }
    };

    /** Unsigned: chars widen without a sign, as Java's char arithmetic does. */
    static final Lanes CHAR = new Integral() {
        @Override
        void loop(LongBinaryOperator f, ByteBuf acc, int a0, ByteBuf b, int b0, int n) {
            for (int o = 0; o < 2 * n; o += 2) {
                acc.setShortLE(a0 + o, (int) f.applyAsLong(acc.getUnsignedShortLE(a0 + o),
                        b.getUnsignedShortLE(b0 + o)));
            }
        }

        @Override
        boolean pairs() {
            // MPI has no paired character type
            return false;
        }
    };

    static final Lanes INT = new Integral() {
        @Override
        void loop(LongBinaryOperator f, ByteBuf acc, int a0, ByteBuf b, int b0, int n) {
            for (int o = 0; o < 4 * n; o += 4) {
                acc.setIntLE(a0 + o, (int) f.applyAsLong(acc.getIntLE(a0 + o), b.getIntLE(b0 + o)));
            }
        }

        @Override
        int compare(ByteBuf x, int i, ByteBuf y, int j) {
            return Integer.compare(x.getIntLE(i), y.getIntLE(j));
        }

        @Override
        boolean fast(Op op, ByteBuffer x, ByteBuffer y, int n) {
            FastLoops.ints(op, x.asIntBuffer(), y.asIntBuffer(), n);
            return true;
        }
    };

    static final Lanes LONG = new Integral() {
        @Override
        void loop(LongBinaryOperator f, ByteBuf acc, int a0, ByteBuf b, int b0, int n) {
            for (int o = 0; o < 8 * n; o += 8) {
                acc.setLongLE(a0 + o, f.applyAsLong(acc.getLongLE(a0 + o), b.getLongLE(b0 + o)));
            }
        }

        @Override
        int compare(ByteBuf x, int i, ByteBuf y, int j) {
            return Long.compare(x.getLongLE(i), y.getLongLE(j));
        }

        @Override
        boolean fast(Op op, ByteBuffer x, ByteBuffer y, int n) {
            FastLoops.longs(op, x.asLongBuffer(), y.asLongBuffer(), n);
            return true;
        }
    };

    static final Lanes FLOAT = new Floating() {
        @Override
        void loop(DoubleBinaryOperator f, ByteBuf acc, int a0, ByteBuf b, int b0, int n) {
            for (int o = 0; o < 4 * n; o += 4) {
                acc.setFloatLE(a0 + o, (float) f.applyAsDouble(acc.getFloatLE(a0 + o), b.getFloatLE(b0 + o)));
            }
        }

        @Override
        int compare(ByteBuf x, int i, ByteBuf y, int j) {
            return Float.compare(x.getFloatLE(i), y.getFloatLE(j));
        }
    };

    static final Lanes DOUBLE = new Floating() {
        @Override
        void loop(DoubleBinaryOperator f, ByteBuf acc, int a0, ByteBuf b, int b0, int n) {
            for (int o = 0; o < 8 * n; o += 8) {
                acc.setDoubleLE(a0 + o, f.applyAsDouble(acc.getDoubleLE(a0 + o), b.getDoubleLE(b0 + o)));
            }
        }

        @Override
        int compare(ByteBuf x, int i, ByteBuf y, int j) {
            return Double.compare(x.getDoubleLE(i), y.getDoubleLE(j));
        }

        @Override
        boolean fast(Op op, ByteBuffer x, ByteBuffer y, int n) {
            FastLoops.doubles(op, x.asDoubleBuffer(), y.asDoubleBuffer(), n);
            return true;
        }
    };

    /** Booleans are bytes 0 and 1: only the logical operations apply, and the bit ones mean the same. */
    static final Lanes BOOLEAN = new Lanes() {
        @Override
        void check(Op op) {
            if (op != Op.LAND && op != Op.BAND && op != Op.LOR && op != Op.BOR && op != Op.LXOR && op != Op.BXOR) {
                throw new MPIException(MPI.ERR_OP, "operation " + op + " does not apply to booleans");
            }
        }

        @Override
        void fold(Op op, ByteBuf acc, ByteBuf b, int n) {
            ((Integral) BYTE).loop(integral(logical(op)), acc, acc.readerIndex(), b, b.readerIndex(), n);
        }
    };

    /** On booleans the bit operations are the logical ones. */
    private static Op logical(Op op) {
        return switch (PredefinedOp.of(op)) {
            case BAND -> Op.LAND;
            case BOR -> Op.LOR;
            case BXOR -> Op.LXOR;
            default -> op;
        };
    }

    private static LongBinaryOperator integral(Op op) {
        return switch (PredefinedOp.of(op)) {
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

    private static DoubleBinaryOperator floating(Op op) {
        return switch (PredefinedOp.of(op)) {
            case MAX -> Math::max;
            case MIN -> Math::min;
            case SUM -> Double::sum;
            case PROD -> (x, y) -> x * y;
            default -> throw new MPIException(MPI.ERR_OP, "operation " + op + " does not apply to floating-point values");
        };
    }
}
