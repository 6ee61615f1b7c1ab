package jmpi;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/** The arithmetic behind {@link Op} on objects. */
final class ObjectReductions {
    private ObjectReductions() {
    }

    static Object prepare(Op op, Object value, int index) {
        if ((op == Op.MINLOC || op == Op.MAXLOC) && !(value instanceof Loc<?>)) {
            return new Loc<>(value, index);
        }
        return value;
    }

    /** Fails with ERR_OP unless op applies to the value's type, so that a single value is checked too. */
    static void check(Op op, Object v) {
        boolean ok;
        switch (op.kind()) {
            case REPLACE:
            case NO_OP:
                return;
            case MINLOC:
            case MAXLOC:
                ok = v instanceof Loc<?> l ? l.value() instanceof Comparable : v instanceof Comparable;
                break;
            default:
                // element-wise on a primitive array: the runtime knows which op applies to which element type
                ok = isPrimitiveArray(v) ? Runtimes.provider().elements().appliesTo(op, v) : appliesTo(op, v);
                break;
        }
        if (!ok) {
            throw new MPIException(MPI.ERR_OP, "operation " + op + " does not apply to " + typeName(v));
        }
    }

    /** Whether op applies to a value that is not a primitive array. */
    private static boolean appliesTo(Op op, Object v) {
        switch (op.kind()) {
            case MAX:
            case MIN:
                return v instanceof Comparable;
            case SUM:
                return v instanceof String || isNumber(v);
            case PROD:
                return isNumber(v);
            case LAND:
            case LOR:
            case LXOR:
                return v instanceof Boolean;
            default:
                return v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Short
                        || v instanceof Byte || v instanceof BigInteger;
        }
    }

    private static boolean isNumber(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof Double || v instanceof Float
                || v instanceof Short || v instanceof Byte || v instanceof BigInteger || v instanceof BigDecimal;
    }

    private static boolean isPrimitiveArray(Object v) {
        return v != null && v.getClass().isArray() && v.getClass().getComponentType().isPrimitive();
    }

    /** Folds checked values in rank order: primitive arrays in one pass of the runtime's, the rest pair by pair. */
    static Object fold(Op op, List<?> values) {
        boolean elementWise = op != Op.MINLOC && op != Op.MAXLOC && op != Op.REPLACE && op != Op.NO_OP;
        if (elementWise && values.size() > 1 && isPrimitiveArray(values.get(0))) {
            return foldArrays(op, values);
        }
        Object acc = prepare(op, values.get(0), 0);
        for (int i = 1; i < values.size(); i++) {
            acc = combine(op, acc, prepare(op, values.get(i), i));
        }
        return acc;
    }

    static Object combine(Op op, Object a, Object b) {
        switch (op.kind()) {
            case REPLACE:
                return b;
            case NO_OP:
                return a;
            case MINLOC:
            case MAXLOC:
                return loc(op, prepare(op, a, 0), prepare(op, b, 1));
            default:
                break;
        }
        if (a == null || b == null) {
            throw mismatch(op, a, b);
        }
        if (a.getClass().isArray()) {
            return foldArrays(op, List.of(a, b));
        }
        if (a.getClass() != b.getClass() && !(a instanceof BigDecimal && b instanceof BigDecimal)) {
            throw mismatch(op, a, b);
        }
        switch (op.kind()) {
            case MAX:
            case MIN:
                return minMax(op, a, b);
            case SUM:
                if (a instanceof String) {
                    return (String) a + b;
                }
                return arithmetic(op, a, b);
            case PROD:
                return arithmetic(op, a, b);
            case LAND:
            case LOR:
            case LXOR:
                if (a instanceof Boolean) {
                    boolean x = (Boolean) a;
                    boolean y = (Boolean) b;
                    return op == Op.LAND ? x && y : op == Op.LOR ? x || y : x ^ y;
                }
                throw mismatch(op, a, b);
            case BAND:
            case BOR:
            case BXOR:
                return bits(op, a, b);
            default:
                throw mismatch(op, a, b);
        }
    }

    /**
     * Element-wise, into a new array, all values in one pass: the runtime does the arithmetic, as it
     * does for buffers on the wire. Checked here in rank order, so the first misfit is the one named.
     */
    private static Object foldArrays(Op op, List<?> values) {
        Object first = values.get(0);
        if (!isPrimitiveArray(first)) {
            throw mismatch(op, first, values.get(1));
        }
        int n = Array.getLength(first);
        for (Object v : values) {
            if (v == null || v.getClass() != first.getClass()) {
                throw mismatch(op, first, v);
            }
            if (Array.getLength(v) != n) {
                throw new MPIException(MPI.ERR_COUNT, "arrays of different lengths: " + n + " and " + Array.getLength(v));
            }
        }
        return Runtimes.provider().elements().fold(op, values);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object minMax(Op op, Object a, Object b) {
        if (!(a instanceof Comparable)) {
            throw mismatch(op, a, b);
        }
        int c = ((Comparable) a).compareTo(b);
        // ties keep the lower rank's value
        return op == Op.MAX ? (c >= 0 ? a : b) : (c <= 0 ? a : b);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object loc(Op op, Object a, Object b) {
        Loc<?> x = (Loc<?>) a;
        Loc<?> y = (Loc<?>) b;
        if (!(x.value() instanceof Comparable) || x.value() == null || y.value() == null
                || x.value().getClass() != y.value().getClass()) {
            throw mismatch(op, x.value(), y.value());
        }
        int c = ((Comparable) x.value()).compareTo(y.value());
        if (c == 0) {
            return x.index() <= y.index() ? x : y;
        }
        return (op == Op.MINLOC) == (c < 0) ? x : y;
    }

    private static Object arithmetic(Op op, Object a, Object b) {
        boolean sum = op == Op.SUM;
        if (a instanceof Integer) {
            int x = (Integer) a;
            int y = (Integer) b;
            return sum ? x + y : x * y;
        } else if (a instanceof Long) {
            long x = (Long) a;
            long y = (Long) b;
            return sum ? x + y : x * y;
        } else if (a instanceof Double) {
            double x = (Double) a;
            double y = (Double) b;
            return sum ? x + y : x * y;
        } else if (a instanceof Float) {
            float x = (Float) a;
            float y = (Float) b;
            return sum ? x + y : x * y;
        } else if (a instanceof Short) {
            short x = (Short) a;
            short y = (Short) b;
            return (short) (sum ? x + y : x * y);
        } else if (a instanceof Byte) {
            byte x = (Byte) a;
            byte y = (Byte) b;
            return (byte) (sum ? x + y : x * y);
        } else if (a instanceof BigInteger) {
            return sum ? ((BigInteger) a).add((BigInteger) b) : ((BigInteger) a).multiply((BigInteger) b);
        } else if (a instanceof BigDecimal) {
            return sum ? ((BigDecimal) a).add((BigDecimal) b) : ((BigDecimal) a).multiply((BigDecimal) b);
        }
        throw mismatch(op, a, b);
    }

    private static Object bits(Op op, Object a, Object b) {
        if (a instanceof Integer) {
            int x = (Integer) a;
            int y = (Integer) b;
            return op == Op.BAND ? x & y : op == Op.BOR ? x | y : x ^ y;
        } else if (a instanceof Long) {
            long x = (Long) a;
            long y = (Long) b;
            return op == Op.BAND ? x & y : op == Op.BOR ? x | y : x ^ y;
        } else if (a instanceof Short) {
            short x = (Short) a;
            short y = (Short) b;
            return (short) (op == Op.BAND ? x & y : op == Op.BOR ? x | y : x ^ y);
        } else if (a instanceof Byte) {
            byte x = (Byte) a;
            byte y = (Byte) b;
            return (byte) (op == Op.BAND ? x & y : op == Op.BOR ? x | y : x ^ y);
        } else if (a instanceof Boolean) {
            boolean x = (Boolean) a;
            boolean y = (Boolean) b;
            return op == Op.BAND ? x & y : op == Op.BOR ? x | y : x ^ y;
        } else if (a instanceof BigInteger) {
            BigInteger x = (BigInteger) a;
            BigInteger y = (BigInteger) b;
            return op == Op.BAND ? x.and(y) : op == Op.BOR ? x.or(y) : x.xor(y);
        }
        throw mismatch(op, a, b);
    }

    static MPIException mismatch(Op op, Object a, Object b) {
        return new MPIException(MPI.ERR_OP, "operation " + op + " does not apply to "
                + typeName(a) + " and " + typeName(b));
    }

    static String typeName(Object o) {
        return o == null ? "null" : o.getClass().getTypeName();
    }
}
