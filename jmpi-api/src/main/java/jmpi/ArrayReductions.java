package jmpi;

/** Element-wise {@link Op} on primitive arrays of one type and length. */
final class ArrayReductions {
    private ArrayReductions() {
    }

    static Object combine(Op op, Object a, Object b) {
        Object acc = copy(a);
        combineInto(op, acc, b);
        return acc;
    }

    private static Object copy(Object a) {
        if (a instanceof int[]) {
            return ((int[]) a).clone();
        } else if (a instanceof long[]) {
            return ((long[]) a).clone();
        } else if (a instanceof double[]) {
            return ((double[]) a).clone();
        } else if (a instanceof float[]) {
            return ((float[]) a).clone();
        } else if (a instanceof short[]) {
            return ((short[]) a).clone();
        } else if (a instanceof byte[]) {
            return ((byte[]) a).clone();
        } else if (a instanceof char[]) {
            return ((char[]) a).clone();
        } else if (a instanceof boolean[]) {
            return ((boolean[]) a).clone();
        }
        throw ObjectReductions.mismatch(Op.NO_OP, a, a);
    }

    /** Folds {@code b} into {@code acc} element by element. */
    static void combineInto(Op op, Object acc, Object b) {
        if (acc == null || b == null || acc.getClass() != b.getClass()) {
            throw ObjectReductions.mismatch(op, acc, b);
        }
        if (java.lang.reflect.Array.getLength(acc) != java.lang.reflect.Array.getLength(b)) {
            throw new MPIException(MPI.ERR_COUNT, "arrays of different lengths: "
                    + java.lang.reflect.Array.getLength(acc) + " and " + java.lang.reflect.Array.getLength(b));
        }
        if (op == Op.NO_OP) {
            return;
        }
        if (op == Op.REPLACE) {
            System.arraycopy(b, 0, acc, 0, java.lang.reflect.Array.getLength(b));
            return;
        }
        if (acc instanceof int[]) {
            ints(op, (int[]) acc, (int[]) b);
        } else if (acc instanceof long[]) {
            longs(op, (long[]) acc, (long[]) b);
        } else if (acc instanceof double[]) {
            doubles(op, (double[]) acc, (double[]) b);
        } else if (acc instanceof float[]) {
            floats(op, (float[]) acc, (float[]) b);
        } else if (acc instanceof short[]) {
            short[] x = (short[]) acc;
            short[] y = (short[]) b;
            for (int i = 0; i < x.length; i++) {
                x[i] = (short) integral(op, x[i], y[i]);
            }
        } else if (acc instanceof byte[]) {
            byte[] x = (byte[]) acc;
            byte[] y = (byte[]) b;
            for (int i = 0; i < x.length; i++) {
                x[i] = (byte) integral(op, x[i], y[i]);
            }
        } else if (acc instanceof char[]) {
            char[] x = (char[]) acc;
            char[] y = (char[]) b;
            for (int i = 0; i < x.length; i++) {
                x[i] = (char) integral(op, x[i], y[i]);
            }
        } else if (acc instanceof boolean[]) {
            booleans(op, (boolean[]) acc, (boolean[]) b);
        } else {
            throw ObjectReductions.mismatch(op, acc, b);
        }
    }

    private static long integral(Op op, long x, long y) {
        switch (op) {
            case MAX: return Math.max(x, y);
            case MIN: return Math.min(x, y);
            case SUM: return x + y;
            case PROD: return x * y;
            case LAND: return (x != 0 && y != 0) ? 1 : 0;
            case LOR: return (x != 0 || y != 0) ? 1 : 0;
            case LXOR: return ((x != 0) ^ (y != 0)) ? 1 : 0;
            case BAND: return x & y;
            case BOR: return x | y;
            case BXOR: return x ^ y;
            default: throw new MPIException(MPI.ERR_OP, "operation " + op + " does not apply element-wise to integers");
        }
    }

    private static void ints(Op op, int[] x, int[] y) {
        // the common cases get their own loops so that they vectorize
        switch (op) {
            case SUM:
                for (int i = 0; i < x.length; i++) {
                    x[i] += y[i];
                }
                return;
            case MAX:
                for (int i = 0; i < x.length; i++) {
                    x[i] = Math.max(x[i], y[i]);
                }
                return;
            case MIN:
                for (int i = 0; i < x.length; i++) {
                    x[i] = Math.min(x[i], y[i]);
                }
                return;
            default:
                integral(op, 0, 0);
                for (int i = 0; i < x.length; i++) {
                    x[i] = (int) integral(op, x[i], y[i]);
                }
        }
    }

    private static void longs(Op op, long[] x, long[] y) {
        if (op == Op.SUM) {
            for (int i = 0; i < x.length; i++) {
                x[i] += y[i];
            }
            return;
        }
        integral(op, 0, 0);
        for (int i = 0; i < x.length; i++) {
            x[i] = integral(op, x[i], y[i]);
        }
    }

    private static double floating(Op op, double x, double y) {
        switch (op) {
            case MAX: return Math.max(x, y);
            case MIN: return Math.min(x, y);
            case SUM: return x + y;
            case PROD: return x * y;
            default: throw new MPIException(MPI.ERR_OP, "operation " + op + " does not apply to floating-point values");
        }
    }

    private static void doubles(Op op, double[] x, double[] y) {
        if (op == Op.SUM) {
            for (int i = 0; i < x.length; i++) {
                x[i] += y[i];
            }
            return;
        }
        floating(op, 0, 0);
        for (int i = 0; i < x.length; i++) {
            x[i] = floating(op, x[i], y[i]);
        }
    }

    private static void floats(Op op, float[] x, float[] y) {
        floating(op, 0, 0);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) floating(op, x[i], y[i]);
        }
    }

    private static void booleans(Op op, boolean[] x, boolean[] y) {
        if (op != Op.LAND && op != Op.BAND && op != Op.LOR && op != Op.BOR && op != Op.LXOR && op != Op.BXOR) {
            throw new MPIException(MPI.ERR_OP, "operation " + op + " does not apply to booleans");
        }
        for (int i = 0; i < x.length; i++) {
            switch (op) {
                case LAND: case BAND: x[i] = x[i] && y[i]; break;
                case LOR: case BOR: x[i] = x[i] || y[i]; break;
                case LXOR: case BXOR: x[i] = x[i] ^ y[i]; break;
                default: throw new MPIException(MPI.ERR_OP, "operation " + op + " does not apply to booleans");
            }
        }
    }
}
