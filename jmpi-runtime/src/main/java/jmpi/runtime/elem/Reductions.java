package jmpi.runtime.elem;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.List;
import jmpi.MPI;
import jmpi.MPIException;
import jmpi.Op;

/**
 * Element-wise reductions, the one table of op × element type, straight over little-endian bytes:
 * the first member's buffer is the accumulator and the others are folded into it in rank order, so a
 * reduction allocates nothing and copies nothing. {@code MINLOC}/{@code MAXLOC} read the elements as
 * (value, index) pairs, as MPI's paired types do; ties keep the lower index. {@code REPLACE} keeps the
 * last member's elements and {@code NO_OP} the first's. The per-type loops are the type's {@link Lanes}.
 */
public final class Reductions {
    private Reductions() {
    }

    /** Folds parts[1..] into parts[0]; every part holds the same number of elements of type t. */
    public static void fold(ElementType t, Op op, ByteBuf[] parts) {
        ByteBuf acc = parts[0];
        int n = acc.readableBytes() / t.size();
        for (ByteBuf p : parts) {
            if (p.readableBytes() != acc.readableBytes()) {
                throw new MPIException(MPI.ERR_COUNT, "buffers of different lengths: " + n + " and "
                        + p.readableBytes() / t.size() + " " + t.typeName() + " elements");
            }
        }
        if (!op.is_predefined()) {
            UserReductions.fold(t, op, parts);
            return;
        }
        boolean loc = op == Op.MINLOC || op == Op.MAXLOC;
        if (loc) {
            checkPairs(t, op, n);
        } else {
            check(t, op);
        }
        if (op == Op.NO_OP) {
            return;
        }
        for (int k = 1; k < parts.length; k++) {
            ByteBuf b = parts[k];
            if (op == Op.REPLACE) {
                acc.setBytes(acc.readerIndex(), b, b.readerIndex(), b.readableBytes());
            } else if (loc) {
                pairs(t, op == Op.MINLOC, acc, b, n / 2);
            } else {
                t.lanes().fold(op, acc, b, n);
            }
        }
    }

    /** Whether op applies element-wise to elements of type t (MINLOC/MAXLOC as pairs). */
    public static boolean applies(ElementType t, Op op) {
        try {
            if (op == Op.MINLOC || op == Op.MAXLOC) {
                return t.lanes().pairs();
            }
            check(t, op);
            return true;
        } catch (MPIException e) {
            return false;
        }
    }

    /**
     * A new array: the arrays folded element by element in list (rank) order by op, with the
     * arithmetic that buffers get on the wire; they are primitive arrays of one type and length.
     */
    public static Object foldArrays(Op op, List<?> arrays) {
        Object first = arrays.get(0);
        ElementType t = ElementType.of(first);
        for (Object a : arrays) {
            if (t == null || a == null || a.getClass() != t.arrayClass()) {
                throw new MPIException(MPI.ERR_OP, "operation " + op + " does not apply to " + name(first) + " and "
                        + name(a));
            }
        }
        ByteBuf[] parts = new ByteBuf[arrays.size()];
        try {
            for (int i = 0; i < parts.length; i++) {
                parts[i] = bytes(t, arrays.get(i));
            }
            fold(t, op, parts);
            return BufferView.toArray(t, parts[0]);
        } finally {
            for (ByteBuf p : parts) {
                if (p != null) {
                    p.release();
                }
            }
        }
    }

    /** inout = in op inout, element-wise, for arrays or nio buffers of one type and length. */
    static void reduceLocal(Op op, Object in, Object inout) {
        ElementType t = ElementType.of(in);
        if (t == null || ElementType.of(inout) != t) {
            throw new MPIException(MPI.ERR_TYPE, "Reduce_local needs two buffers of one element type, not " + name(in)
                    + " and " + name(inout));
        }
        int n = t.count(in);
        if (t.count(inout) != n) {
            throw new MPIException(MPI.ERR_COUNT, "Reduce_local needs buffers of one length, not " + n + " and "
                    + t.count(inout) + " elements");
        }
        ByteBuf[] parts = {bytes(t, in), bytes(t, inout)};
        try {
            fold(t, op, parts);
            t.decode(parts[0].nioBuffer(), inout, 0, n);
        } finally {
            parts[0].release();
            parts[1].release();
        }
    }

    private static ByteBuf bytes(ElementType t, Object array) {
        int n = t.count(array);
        ByteBuffer le = ByteBuffer.allocate(n * t.size());
        t.encode(array, 0, n, le);
        return Unpooled.wrappedBuffer(le);
    }

    private static String name(Object o) {
        return o == null ? "null" : o.getClass().getTypeName();
    }

    private static void check(ElementType t, Op op) {
        if (op != Op.REPLACE && op != Op.NO_OP) {
            t.lanes().check(op);
        }
    }

    private static void checkPairs(ElementType t, Op op, int n) {
        if (!t.lanes().pairs()) {
            throw new MPIException(MPI.ERR_OP, op + " needs (value, index) pairs of short, int, long, float or double,"
                    + " not " + t.typeName());
        }
        if (n % 2 != 0) {
            throw new MPIException(MPI.ERR_COUNT, op + " reads (value, index) pairs: " + n + " elements is not a whole"
                    + " number of pairs");
        }
    }

    /** MINLOC/MAXLOC over pairs: the better value wins; equal values keep the lower index. */
    private static void pairs(ElementType t, boolean min, ByteBuf acc, ByteBuf b, int pairs) {
        Lanes lanes = t.lanes();
        int size = t.size();
        int a0 = acc.readerIndex();
        int b0 = b.readerIndex();
        for (int k = 0; k < pairs; k++) {
            int o = 2 * size * k;
            int c = lanes.compare(acc, a0 + o, b, b0 + o);
            boolean take = min ? c > 0 : c < 0;
            if (c == 0) {
                take = lanes.compare(acc, a0 + o + size, b, b0 + o + size) > 0;
            }
            if (take) {
                acc.setBytes(a0 + o, b, b0 + o, 2 * size);
            }
        }
    }
}
